// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace zkload::metrics {

/// Text that is not Prometheus exposition format; the message names the line and the cause.
class PrometheusParseError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct Label
{
    std::string name;
    std::string value;
    bool operator==(const Label&) const = default;
};

/// One line `name{labels} value [timestamp]`. A histogram is several of them:
/// `<h>_bucket{le="…"}`, `<h>_sum`, `<h>_count`.
struct Sample
{
    std::string name;
    std::vector<Label> labels;
    double value = 0;  // NaN, +Inf and -Inf included
    std::optional<int64_t> timestamp_ms;

    /// The label's (unescaped) value, or nullptr when the sample has no such label.
    const std::string* label(std::string_view label_name) const;
};

/// A parsed scrape: samples in text order, and the HELP and TYPE lines by metric family.
struct Exposition
{
    std::vector<Sample> samples;
    std::map<std::string, std::string, std::less<>> types;
    std::map<std::string, std::string, std::less<>> help;

    /// The sum over every sample named `name` whose labels include all of `match` (other labels
    /// are summed over: e.g. all methods of a histogram); nullopt when no sample matches.
    std::optional<double> sum(std::string_view name, const std::vector<Label>& match = {}) const;
};

/// Parses the Prometheus text format 0.0.4 and its OpenMetrics 1.0 variant (`# EOF`, `# UNIT`,
/// exemplars after ` # `): comments, HELP (with its escapes), TYPE, label values with `\\`, `\"`
/// and `\n` escapes, values such as `NaN`, `+Inf`, `-Inf`, `1.5e+06`, optional timestamps.
/// Throws PrometheusParseError naming the line number and what was expected.
Exposition parse_exposition(std::string_view text);

}  // namespace zkload::metrics
