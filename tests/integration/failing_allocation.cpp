#include "failing_allocation.hpp"

#include <cstdlib>
#include <new>

namespace {

thread_local bool failing = false;
thread_local int refused_count = 0;

void* allocate_or_null(std::size_t size) noexcept {
    if (failing) {
        ++refused_count;
        return nullptr;
    }
    return std::malloc(size ? size : 1);
}

void* allocate(std::size_t size) {
    if (void* block = allocate_or_null(size)) return block;
    throw std::bad_alloc();
}

}  // namespace

// Every unaligned replaceable form, so that no block is taken from one
// allocator and given back to another (AddressSanitizer checks that they
// match); the aligned forms stay the library's, in pairs of their own.
void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return allocate_or_null(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return allocate_or_null(size); }

void operator delete(void* block) noexcept { std::free(block); }
void operator delete[](void* block) noexcept { std::free(block); }
void operator delete(void* block, std::size_t) noexcept { std::free(block); }
void operator delete[](void* block, std::size_t) noexcept { std::free(block); }
void operator delete(void* block, const std::nothrow_t&) noexcept { std::free(block); }
void operator delete[](void* block, const std::nothrow_t&) noexcept { std::free(block); }

namespace genlayer::testing {

FailingAllocations::FailingAllocations() { failing = true; }
FailingAllocations::~FailingAllocations() { failing = false; }
int FailingAllocations::refused() const { return refused_count; }

}  // namespace genlayer::testing
