#pragma once
// Counts heap allocations in the whole program, for tests that prove a hot path allocates
// nothing. Linking vtb_allocation_counter replaces the global operator new; sanitizer builds
// replace it too, so those builds leave such tests out.

#include <cstdint>

namespace vtb::testing {

std::uint64_t allocations();  // operator new calls so far, every thread

}  // namespace vtb::testing
