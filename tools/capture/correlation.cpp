#include "tools/capture/correlation.hpp"

#include <algorithm>
#include <charconv>
#include <regex>
#include <stdexcept>

namespace vtb::capture {

namespace {

// A decimal sequence number at the front of `text`, ending at its end or at `stop` if given.
std::optional<std::uint64_t> number_at(std::string_view text, std::optional<char> stop) {
  std::uint64_t value = 0;
  const char* const last = text.data() + text.size();
  const auto [end, error] = std::from_chars(text.data(), last, value);
  if (error != std::errc() || end == text.data()) return std::nullopt;
  if (end != last && (!stop || *end != *stop)) return std::nullopt;
  return value;
}

}  // namespace

struct TriggerTag::Regex {
  std::regex regex;
};

TriggerTag::~TriggerTag() = default;
TriggerTag::TriggerTag(TriggerTag&&) noexcept = default;

TriggerTag::TriggerTag(const CorrelationOptions& options)
    : regex_text_(options.regex), tag_(options.tag) {
  if (options.regex.empty()) return;
  try {
    regex_ = std::make_unique<Regex>(
        Regex{std::regex(options.regex, std::regex::ECMAScript | std::regex::optimize)});
  } catch (const std::regex_error& e) {
    throw std::invalid_argument("--regex '" + options.regex + "': " + e.what());
  }
}

std::optional<std::uint64_t> TriggerTag::sequence(std::string_view field) const {
  if (!regex_) return number_at(field, '-');
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_search(field.begin(), field.end(), match, regex_->regex)) return std::nullopt;
  const auto& group = match.size() > 1 ? match[1] : match[0];
  if (!group.matched) return std::nullopt;
  return number_at(std::string_view(&*group.first, static_cast<std::size_t>(group.length())),
                   std::nullopt);
}

std::string TriggerTag::describe() const {
  const std::string field = "tag " + std::to_string(tag_);
  if (!regex_) {
    return tag_ == 11 ? "ClOrdID(11) convention: the trigger's MoldUDP64 sequence number"
                      : field + ": the trigger's MoldUDP64 sequence number";
  }
  return field + " matched by /" + regex_text_ + "/: the trigger's MoldUDP64 sequence number";
}

void TriggerWindow::add(Nanos time) {
  // Triggers more than a window (and a second's disorder) before the latest can match no order to
  // come: dropped in batches, so that a long-lived capture's memory stays bounded.
  if (times_.size() >= kTrimAt) {
    const auto old =
        std::lower_bound(times_.begin(), times_.end(), times_.back() - window_ - kNanosPerSecond);
    taken_.erase(taken_.begin(), taken_.begin() + (old - times_.begin()));
    times_.erase(times_.begin(), old);
  }
  // Captures are in time order; a merged one may not be, by a little.
  const auto at = std::upper_bound(times_.begin(), times_.end(), time);
  const auto index = at - times_.begin();
  times_.insert(at, time);
  taken_.insert(taken_.begin() + index, false);
}

std::optional<Nanos> TriggerWindow::take(Nanos time) {
  const auto after = std::upper_bound(times_.begin(), times_.end(), time);
  if (after == times_.begin()) return std::nullopt;
  const auto index = static_cast<std::size_t>(after - times_.begin() - 1);
  if (taken_[index] || time - times_[index] > window_) return std::nullopt;
  taken_[index] = true;
  return times_[index];
}

}  // namespace vtb::capture
