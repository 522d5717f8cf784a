-- Wireshark/tshark dissector for Nasdaq TotalView-ITCH 5.0 messages inside MoldUDP64, as the
-- venue publishes them (docs/FEED.md). Wireshark decodes MoldUDP64 itself; this decodes each
-- message block's payload, field by field, with the names below (filter on them: itch50.price).
--
--   tshark -X lua_script:tools/wireshark/itch50.lua \
--          -d udp.port==31001,moldudp64 -d moldudp64.payload,itch50 -r feed.pcap -V
--
-- Integers are shown as sent (prices with their 4 implied decimals, e.g. 1002500 = 100.25; the
-- tree adds the decimal form); alphanumerics without their space padding. A message shorter than
-- its type's layout is flagged as malformed.

local itch = Proto("itch50", "Nasdaq TotalView-ITCH 5.0")

local F = {}
local TEXT = {}
local function uint(name, label, bits)
  local make = ({[16] = ProtoField.uint16, [32] = ProtoField.uint32, [64] = ProtoField.uint64})[bits]
  F[name] = make("itch50." .. name, label, base.DEC)
end
local function text(name, label)
  TEXT[name] = true
  F[name] = ProtoField.string("itch50." .. name, label)
end

text("type", "Message Type")
uint("stock_locate", "Stock Locate", 16)
uint("tracking_number", "Tracking Number", 16)
uint("timestamp", "Timestamp (ns since midnight)", 64)
text("event_code", "Event Code")
text("stock", "Stock")
text("market_category", "Market Category")
text("financial_status", "Financial Status Indicator")
uint("round_lot_size", "Round Lot Size", 32)
text("round_lots_only", "Round Lots Only")
text("issue_classification", "Issue Classification")
text("issue_subtype", "Issue Sub-Type")
text("authenticity", "Authenticity")
text("short_sale_threshold", "Short Sale Threshold Indicator")
text("ipo_flag", "IPO Flag")
text("luld_tier", "LULD Reference Price Tier")
text("etp_flag", "ETP Flag")
uint("etp_leverage_factor", "ETP Leverage Factor", 32)
text("inverse_indicator", "Inverse Indicator")
text("trading_state", "Trading State")
text("reserved", "Reserved")
text("reason", "Reason")
uint("order_reference", "Order Reference Number", 64)
text("side", "Buy/Sell Indicator")
uint("shares", "Shares", 32)
uint("price", "Price", 32)
text("attribution", "Attribution")
uint("executed_shares", "Executed Shares", 32)
uint("match_number", "Match Number", 64)
text("printable", "Printable")
uint("execution_price", "Execution Price", 32)
uint("cancelled_shares", "Cancelled Shares", 32)
uint("original_order_reference", "Original Order Reference Number", 64)
uint("new_order_reference", "New Order Reference Number", 64)
uint("cross_shares", "Shares", 64)
uint("cross_price", "Cross Price", 32)
text("cross_type", "Cross Type")
uint("paired_shares", "Paired Shares", 64)
uint("imbalance_shares", "Imbalance Shares", 64)
text("imbalance_direction", "Imbalance Direction")
uint("far_price", "Far Price", 32)
uint("near_price", "Near Price", 32)
uint("current_reference_price", "Current Reference Price", 32)
text("price_variation_indicator", "Price Variation Indicator")

local fields = {}
for _, f in pairs(F) do
  fields[#fields + 1] = f
end
itch.fields = fields

local malformed = ProtoExpert.new("itch50.malformed", "Message shorter than its type's layout",
                                  expert.group.MALFORMED, expert.severity.ERROR)
local unknown = ProtoExpert.new("itch50.unknown_type", "Message type not in ITCH 5.0 as published",
                                expert.group.UNDECODED, expert.severity.WARN)
itch.experts = { malformed, unknown }

-- Each layout: {field, size}; sizes 1, 2, 4, 6 (the timestamp), 8, or n for an n-byte text.
local HEADER = { {"stock_locate", 2}, {"tracking_number", 2}, {"timestamp", 6} }
local function layout(...)
  local l = { table.unpack(HEADER) }
  for _, f in ipairs({...}) do l[#l + 1] = f end
  return l
end
local ADD = { {"order_reference", 8}, {"side", 1}, {"shares", 4}, {"stock", 8}, {"price", 4} }
local LAYOUTS = {
  S = { name = "System Event", fields = layout({"event_code", 1}) },
  R = { name = "Stock Directory", fields = layout({"stock", 8}, {"market_category", 1},
        {"financial_status", 1}, {"round_lot_size", 4}, {"round_lots_only", 1},
        {"issue_classification", 1}, {"issue_subtype", 2}, {"authenticity", 1},
        {"short_sale_threshold", 1}, {"ipo_flag", 1}, {"luld_tier", 1}, {"etp_flag", 1},
        {"etp_leverage_factor", 4}, {"inverse_indicator", 1}) },
  H = { name = "Stock Trading Action", fields = layout({"stock", 8}, {"trading_state", 1},
        {"reserved", 1}, {"reason", 4}) },
  A = { name = "Add Order", fields = layout(table.unpack(ADD)) },
  F = { name = "Add Order with MPID", fields = layout(ADD[1], ADD[2], ADD[3], ADD[4], ADD[5],
        {"attribution", 4}) },
  E = { name = "Order Executed", fields = layout({"order_reference", 8},
        {"executed_shares", 4}, {"match_number", 8}) },
  C = { name = "Order Executed With Price", fields = layout({"order_reference", 8},
        {"executed_shares", 4}, {"match_number", 8}, {"printable", 1}, {"execution_price", 4}) },
  X = { name = "Order Cancel", fields = layout({"order_reference", 8}, {"cancelled_shares", 4}) },
  D = { name = "Order Delete", fields = layout({"order_reference", 8}) },
  U = { name = "Order Replace", fields = layout({"original_order_reference", 8},
        {"new_order_reference", 8}, {"shares", 4}, {"price", 4}) },
  P = { name = "Trade (non-cross)", fields = layout(ADD[1], ADD[2], ADD[3], ADD[4], ADD[5],
        {"match_number", 8}) },
  Q = { name = "Cross Trade", fields = layout({"cross_shares", 8}, {"stock", 8},
        {"cross_price", 4}, {"match_number", 8}, {"cross_type", 1}) },
  I = { name = "Net Order Imbalance Indicator", fields = layout({"paired_shares", 8},
        {"imbalance_shares", 8}, {"imbalance_direction", 1}, {"stock", 8}, {"far_price", 4},
        {"near_price", 4}, {"current_reference_price", 4}, {"cross_type", 1},
        {"price_variation_indicator", 1}) },
}
local PRICES = { price = true, execution_price = true, cross_price = true, far_price = true,
                 near_price = true, current_reference_price = true }

local function size_of(l)
  local n = 1
  for _, f in ipairs(l.fields) do n = n + f[2] end
  return n
end

local function add_field(tree, name, range, size)
  local f = F[name]
  if TEXT[name] then
    local value = range:string():gsub(" +$", "")
    return tree:add(f, range, value)
  elseif size == 6 or size == 8 then
    return tree:add(f, range, range:uint64())
  else
    local item = tree:add(f, range, range:uint())
    if PRICES[name] then item:append_text(string.format(" (%.4f)", range:uint() / 10000)) end
    return item
  end
end

function itch.dissector(tvb, pinfo, tree)
  if tvb:len() < 1 then return 0 end
  local type = tvb(0, 1):string()
  local l = LAYOUTS[type]
  local subtree = tree:add(itch, tvb(), "ITCH 5.0 " .. (l and l.name or "unknown message"))
  subtree:add(F.type, tvb(0, 1), type)
  pinfo.cols.protocol = "ITCH 5.0"
  if not l then
    subtree:add_proto_expert_info(unknown)
    return tvb:len()
  end
  if tvb:len() < size_of(l) then
    subtree:add_proto_expert_info(malformed)
    return tvb:len()
  end
  local offset = 1
  for _, f in ipairs(l.fields) do
    add_field(subtree, f[1], tvb(offset, f[2]), f[2])
    offset = offset + f[2]
  end
  return tvb:len()
end

DissectorTable.get("moldudp64.payload"):add_for_decode_as(itch)
