// SPDX-License-Identifier: Apache-2.0
#include "metrics/prometheus_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace zkload::metrics {
namespace {

/// A cursor over one line, with the line number for messages.
class LineReader
{
public:
    LineReader(std::string_view line, size_t number) : line_(line), number_(number) {}

    [[noreturn]] void fail(const std::string& what) const
    {
        throw PrometheusParseError("Prometheus text, line " + std::to_string(number_) + ": " +
                                   what + " in \"" + std::string(line_.substr(0, 120)) + "\"");
    }
    bool done() const { return pos_ >= line_.size(); }
    char peek() const { return done() ? '\0' : line_[pos_]; }
    void skip_blanks()
    {
        while (!done() && (line_[pos_] == ' ' || line_[pos_] == '\t'))
            ++pos_;
    }
    void expect(char wanted)
    {
        if (peek() != wanted)
            fail(std::string("expected '") + wanted + "'");
        ++pos_;
    }
    /// [a-zA-Z_:][a-zA-Z0-9_:]* (label names simply never contain ':').
    std::string name()
    {
        const size_t start = pos_;
        auto is_name_char = [&](char c, bool first) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
                   (!first && c >= '0' && c <= '9');
        };
        while (!done() && is_name_char(line_[pos_], pos_ == start))
            ++pos_;
        if (pos_ == start)
            fail("expected a metric or label name");
        return std::string(line_.substr(start, pos_ - start));
    }
    /// A double-quoted label value with \\, \" and \n escapes.
    std::string quoted()
    {
        expect('"');
        std::string value;
        while (peek() != '"')
        {
            if (done())
                fail("unterminated label value");
            char c = line_[pos_++];
            if (c == '\\')
            {
                const char escaped = peek();
                if (escaped != '\\' && escaped != '"' && escaped != 'n')
                    fail("unknown escape in a label value");
                c = escaped == 'n' ? '\n' : escaped;
                ++pos_;
            }
            value += c;
        }
        ++pos_;
        return value;
    }
    /// The next blank-separated token.
    std::string_view token()
    {
        skip_blanks();
        const size_t start = pos_;
        while (!done() && line_[pos_] != ' ' && line_[pos_] != '\t')
            ++pos_;
        return line_.substr(start, pos_ - start);
    }
    std::string_view rest() const { return done() ? std::string_view() : line_.substr(pos_); }

private:
    std::string_view line_;
    size_t number_;
    size_t pos_ = 0;
};

/// A float as Go's ParseFloat reads it in this format: decimal or exponent notation, NaN, and
/// infinities written `+Inf`, `-Inf` or `Inf`.
double parse_value(std::string_view text, const LineReader& reader)
{
    std::string_view digits = text;
    bool negative = false;
    if (!digits.empty() && (digits.front() == '+' || digits.front() == '-'))
    {
        negative = digits.front() == '-';
        digits.remove_prefix(1);
    }
    double value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size())
        reader.fail("expected a number (or NaN, +Inf, -Inf), got \"" + std::string(text) + "\"");
    return negative ? -value : value;
}

std::vector<Label> parse_labels(LineReader& reader)
{
    std::vector<Label> labels;
    reader.expect('{');
    reader.skip_blanks();
    while (reader.peek() != '}')
    {
        Label label;
        label.name = reader.name();
        reader.skip_blanks();
        reader.expect('=');
        reader.skip_blanks();
        label.value = reader.quoted();
        labels.push_back(std::move(label));
        reader.skip_blanks();
        if (reader.peek() == ',')
        {
            reader.expect(',');
            reader.skip_blanks();
        }
        else if (reader.peek() != '}')
            reader.fail("expected ',' or '}' after a label");
    }
    reader.expect('}');
    return labels;
}

std::string unescape_help(std::string_view text)
{
    std::string out;
    for (size_t i = 0; i < text.size(); ++i)
    {
        if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == '\\' || text[i + 1] == 'n'))
        {
            out += text[i + 1] == 'n' ? '\n' : '\\';
            ++i;
        }
        else
            out += text[i];
    }
    return out;
}

/// `# HELP name text`, `# TYPE name type`; any other comment (and `# EOF`, `# UNIT`) is skipped.
void parse_comment(LineReader& reader, Exposition& out)
{
    reader.expect('#');
    const std::string_view keyword = reader.token();
    if (keyword != "HELP" && keyword != "TYPE")
        return;
    reader.skip_blanks();
    const std::string family = reader.name();
    reader.skip_blanks();
    if (keyword == "HELP")
        out.help[family] = unescape_help(reader.rest());
    else
        out.types[family] = std::string(reader.token());
}

Sample parse_sample(LineReader& reader)
{
    Sample sample;
    sample.name = reader.name();
    reader.skip_blanks();
    if (reader.peek() == '{')
        sample.labels = parse_labels(reader);
    const std::string_view value = reader.token();
    if (value.empty())
        reader.fail("expected a value after the metric name");
    sample.value = parse_value(value, reader);
    const std::string_view timestamp = reader.token();
    if (!timestamp.empty() && timestamp != "#")  // " # {…} v" is an OpenMetrics exemplar
    {
        // OpenMetrics writes seconds with a fraction, 0.0.4 integer milliseconds.
        const double ts = parse_value(timestamp, reader);
        sample.timestamp_ms =
            std::llround(timestamp.find('.') != std::string_view::npos ? ts * 1000.0 : ts);
    }
    return sample;
}

}  // namespace

const std::string* Sample::label(std::string_view label_name) const
{
    for (const Label& label : labels)
        if (label.name == label_name)
            return &label.value;
    return nullptr;
}

std::optional<double> Exposition::sum(std::string_view name, const std::vector<Label>& match) const
{
    std::optional<double> total;
    for (const Sample& sample : samples)
    {
        if (sample.name != name)
            continue;
        const bool matches = std::all_of(match.begin(), match.end(), [&](const Label& wanted) {
            const std::string* value = sample.label(wanted.name);
            return value != nullptr && *value == wanted.value;
        });
        if (matches)
            total = total.value_or(0.0) + sample.value;
    }
    return total;
}

Exposition parse_exposition(std::string_view text)
{
    Exposition out;
    size_t number = 0;
    while (!text.empty())
    {
        const size_t newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
        ++number;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        LineReader reader(line, number);
        reader.skip_blanks();
        if (reader.done())
            continue;
        if (reader.peek() == '#')
            parse_comment(reader, out);
        else
            out.samples.push_back(parse_sample(reader));
    }
    return out;
}

}  // namespace zkload::metrics
