# Reads valgrind lackey's memory trace, with the engine's "page-trace marks: OPEN CLOSE" line, and
# for each window between the marks counts the distinct 4 KiB pages of code (I lines) and data
# (L, S, M lines). Prints one line per window ("window N instructions C code D data"), the
# spread of the page counts, then the pages of the window with the median count, one
# "<code|data> PAGE INSTRUCTION" line each (the instruction that touched it first).
/^page-trace marks:/ { open_mark = $3; close_mark = $4; next }
$1 == "I" || $1 == "L" || $1 == "S" || $1 == "M" {
  split($2, a, ","); addr = a[1]
  if ($1 == "S" && addr == open_mark) {
    active = 1; delete seen; pages = 0; code = 0; instructions = 0; list = ""; next
  }
  if (!active) next
  if ($1 == "S" && addr == close_mark) {
    windows++
    count[windows] = pages; listing[windows] = list
    printf "window %d instructions %d code %d data %d\n", windows, instructions, code, pages - code
    active = 0; next
  }
  page = substr(addr, 1, length(addr) - 3)
  if ($1 == "I") { instructions++; last = addr }
  key = ($1 == "I" ? "code " : "data ") page
  if (!(key in seen)) {
    seen[key] = 1; pages++
    if ($1 == "I") code++
    if (pages <= 200) list = list key " " ($1 == "I" ? addr : last) "\n"
  }
}
END {
  if (windows == 0) { print "no window: were orders sent?"; exit 1 }
  # the median window by page count (a simple selection: windows are few)
  for (i = 1; i <= windows; i++) sorted[i] = count[i]
  n = windows
  for (i = 2; i <= n; i++) { v = sorted[i]; j = i - 1; while (j > 0 && sorted[j] > v) { sorted[j + 1] = sorted[j]; j-- } sorted[j + 1] = v }
  median = sorted[int((n + 1) / 2)]
  printf "%d windows; distinct pages touched per window: median %d, p10 %d, p90 %d\n",
    n, median, sorted[int(n / 10) + 1], sorted[int(n * 9 / 10)]
  for (i = 1; i <= windows; i++) if (count[i] == median) { printf "median %d\n%s", i, listing[i]; break }
}
