// Makes operator new fail on demand, on the calling thread only, so a test
// can show that an allocation failure inside the core never escapes through
// the C ABI (which would terminate a C host).
#pragma once

namespace genlayer::testing {

// While alive, every operator new on this thread throws std::bad_alloc.
class FailingAllocations {
public:
    FailingAllocations();
    ~FailingAllocations();
    FailingAllocations(const FailingAllocations&) = delete;
    FailingAllocations& operator=(const FailingAllocations&) = delete;
    // How many allocations were refused so far.
    int refused() const;
};

}  // namespace genlayer::testing
