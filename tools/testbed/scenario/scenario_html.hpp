#pragma once
// The HTML page of one scenario run (`testbed run --html DIR`): self-contained, no scripts. A
// timeline picture in scenario time (the steps; halts and feed gaps as bands; fault hits; the
// engine's orders by side and its fills), the reference engine's tick-to-trade percentiles with
// the CDF they describe, and the assertion table.

#include <ostream>

#include "tools/testbed/scenario/assertions.hpp"
#include "tools/testbed/scenario/scenario_runner.hpp"

namespace vtb::scenario {

void write_scenario_html(const RunRecord& run, const ScenarioResult& result, std::ostream& out);

}  // namespace vtb::scenario
