#include "common/text/decimal.hpp"

#include <cstring>

#include "common/hot_path/hot_code.hpp"

namespace vtb::text {

std::optional<Price> parse_price(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool negative = false;
  std::size_t i = 0;
  if (s[0] == '-' || s[0] == '+') {
    negative = s[0] == '-';
    i = 1;
  }
  Price whole = 0;
  int whole_digits = 0;
  for (; i < s.size() && s[i] != '.'; ++i) {
    // 14 integer digits at most: whole * kPriceScale must stay within int64.
    if (s[i] < '0' || s[i] > '9' || whole_digits == 14) return std::nullopt;
    whole = whole * 10 + (s[i] - '0');
    ++whole_digits;
  }
  Price fraction = 0;
  int fraction_digits = 0;
  if (i < s.size()) {  // s[i] == '.'
    for (++i; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      if (fraction_digits == 4) {
        if (s[i] != '0') return std::nullopt;  // trailing zeros beyond scale are exact
        continue;
      }
      fraction = fraction * 10 + (s[i] - '0');
      ++fraction_digits;
    }
    if (whole_digits == 0 && fraction_digits == 0) return std::nullopt;
  } else if (whole_digits == 0) {
    return std::nullopt;
  }
  for (int d = fraction_digits; d < 4; ++d)
    fraction *= 10;
  const Price value = whole * kPriceScale + fraction;
  return negative ? -value : value;
}

VTB_HOT int format_price(char* out, Price price) {
  char* p = out;
  if (price < 0) {
    *p++ = '-';
    price = -price;
  }
  p += format_int(p, price / kPriceScale);
  Price fraction = price % kPriceScale;
  if (fraction != 0) {
    char digits[4];
    for (int d = 3; d >= 0; --d) {
      digits[d] = static_cast<char>('0' + fraction % 10);
      fraction /= 10;
    }
    int n = 4;
    while (digits[n - 1] == '0')
      --n;
    *p++ = '.';
    std::memcpy(p, digits, static_cast<std::size_t>(n));
    p += n;
  }
  return static_cast<int>(p - out);
}

}  // namespace vtb::text
