#include "failing_allocation.hpp"

#include <cstdlib>
#include <new>

namespace {

thread_local bool failing = false;
thread_local int refused_count = 0;

}  // namespace

// The replaceable global forms; the array and aligned forms of the standard
// library forward to these or to malloc/free themselves.
void* operator new(std::size_t size) {
    if (failing) {
        ++refused_count;
        throw std::bad_alloc();
    }
    if (void* block = std::malloc(size ? size : 1)) return block;
    throw std::bad_alloc();
}

void operator delete(void* block) noexcept { std::free(block); }
void operator delete(void* block, std::size_t) noexcept { std::free(block); }

namespace genlayer::testing {

FailingAllocations::FailingAllocations() { failing = true; }
FailingAllocations::~FailingAllocations() { failing = false; }
int FailingAllocations::refused() const { return refused_count; }

}  // namespace genlayer::testing
