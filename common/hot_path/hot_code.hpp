#pragma once
// VTB_HOT marks the functions of the packet-to-order path. GCC optimizes them for speed and places
// them together in .text.hot, so that the path spans few code pages. That matters here: with page
// table isolation and no PCID (this machine), every system call empties the TLB, so each packet
// starts with every page it touches missing from it, and in a VM each miss is a two-level walk:
// about 14 ns a page on the CI machine (bench_page_refill).
#define VTB_HOT [[gnu::hot]]
