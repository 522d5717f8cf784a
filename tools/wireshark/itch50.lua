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

-- Field labels as Wireshark shows them; a field without one is shown under its name.
local LABELS = {
  type = "Message Type",
  stock_locate = "Stock Locate",
  tracking_number = "Tracking Number",
  timestamp = "Timestamp (ns since midnight)",
  event_code = "Event Code",
  stock = "Stock",
  market_category = "Market Category",
  financial_status = "Financial Status Indicator",
  round_lot_size = "Round Lot Size",
  round_lots_only = "Round Lots Only",
  issue_classification = "Issue Classification",
  issue_subtype = "Issue Sub-Type",
  authenticity = "Authenticity",
  short_sale_threshold = "Short Sale Threshold Indicator",
  ipo_flag = "IPO Flag",
  luld_tier = "LULD Reference Price Tier",
  etp_flag = "ETP Flag",
  etp_leverage_factor = "ETP Leverage Factor",
  inverse_indicator = "Inverse Indicator",
  trading_state = "Trading State",
  reserved = "Reserved",
  reason = "Reason",
  order_reference = "Order Reference Number",
  side = "Buy/Sell Indicator",
  shares = "Shares",
  price = "Price",
  attribution = "Attribution",
  executed_shares = "Executed Shares",
  match_number = "Match Number",
  printable = "Printable",
  execution_price = "Execution Price",
  cancelled_shares = "Cancelled Shares",
  original_order_reference = "Original Order Reference Number",
  new_order_reference = "New Order Reference Number",
  cross_shares = "Shares",
  cross_price = "Cross Price",
  cross_type = "Cross Type",
  paired_shares = "Paired Shares",
  imbalance_shares = "Imbalance Shares",
  imbalance_direction = "Imbalance Direction",
  far_price = "Far Price",
  near_price = "Near Price",
  current_reference_price = "Current Reference Price",
  price_variation_indicator = "Price Variation Indicator",
}

-- BEGIN LAYOUTS (generated from common/itch/messages.hpp by tools/tests/itch50_lua_test.cpp,
-- which fails when they differ; VTB_UPDATE_LAYOUTS=1 rewrites this block). Each field:
-- {name, width in bytes, kind}, in wire order after the 1-byte message type; size is
-- the whole message's.
local LAYOUTS = {
  S = { name = "System Event", size = 12, fields = {
    { "stock_locate", 2, "integer" },
    { "tracking_number", 2, "integer" },
    { "timestamp", 6, "timestamp" },
    { "event_code", 1, "alpha" },
  } },
  R = { name = "Stock Directory", size = 39, fields = {
    { "stock_locate", 2, "integer" },
    { "tracking_number", 2, "integer" },
    { "timestamp", 6, "timestamp" },
    { "stock", 8, "alpha" },
    { "market_category", 1, "alpha" },
    { "financial_status", 1, "alpha" },
    { "round_lot_size", 4, "integer" },
    { "round_lots_only", 1, "alpha" },
    { "issue_classification", 1, "alpha" },
    { "issue_subtype", 2, "alpha" },
    { "authenticity", 1, "alpha" },
    { "short_sale_threshold", 1, "alpha" },
    { "ipo_flag", 1, "alpha" },
    { "luld_tier", 1, "alpha" },
    { "etp_flag", 1, "alpha" },
    { "etp_leverage_factor", 4, "integer" },
    { "inverse_indicator", 1, "alpha" },
  } },
  H = { name = "Stock Trading Action", size = 25, fields = {
    { "stock_locate", 2, "integer" },
    { "tracking_number", 2, "integer" },
    { "timestamp", 6, "timestamp" },
    { "stock", 8, "alpha" },
    { "trading_state", 1, "alpha" },
    { "reserved", 1, "alpha" },
    { "reason", 4, "alpha" },
  } },
  A = { name = "Add Order", size = 36, fields = {
    { "stock_locate", 2, "integer" },
    { "tracking_number", 2, "integer" },
    { "timestamp", 6, "timestamp" },
    { "order_reference", 8, "integer" },
    { "side", 1, "alpha" },
    { "shares", 4, "integer" },
    { "stock", 8, "alpha" },
    { "price", 4, "price" },
  } },
  F = { name = "Add Order with MPID", size = 40, fields = {
    { "stock_locate", 2, "integer" },
    { "tracking_number", 2, "integer" },
    { "timestamp", 6, "timestamp" },
    { "order_reference", 8, "integer" },
    { "side", 1, "alpha" },
    { "shares", 4, "integer" },
    { "stock", 8, "alpha" },
    { "price", 4, "price" },
    { "attribution", 4, "alpha" },
  } },
  E = { name = "Order Executed", size = 31, fields = {
    { "stock_locate", 2, "integer" },
    { "tracking_number", 2, "integer" },
    { "timestamp", 6, "timestamp" },
    { "order_reference", 8, "integer" },
    { "executed_shares", 4, "integer" },
    { "match_number", 8, "integer" },
  } },
  C = { name = "Order Executed With Price", size = 36, fields = {
    { "stock_locate", 2, "integer" },
    { "tracking_number", 2, "integer" },
    { "timestamp", 6, "timestamp" },
    { "order_reference", 8, "integer" },
    { "executed_shares", 4, "integer" },
    { "match_number", 8, "integer" },
    { "printable", 1, "alpha" },
    { "execution_price", 4, "price" },
  } },
  X = { name = "Order Cancel", size = 23, fields = {
    { "stock_locate", 2, "integer" },
    { "tracking_number", 2, "integer" },
    { "timestamp", 6, "timestamp" },
    { "order_reference", 8, "integer" },
    { "cancelled_shares", 4, "integer" },
  } },
  D = { name = "Order Delete", size = 19, fields = {
    { "stock_locate", 2, "integer" },
    { "tracking_number", 2, "integer" },
    { "timestamp", 6, "timestamp" },
    { "order_reference", 8, "integer" },
  } },
  U = { name = "Order Replace", size = 35, fields = {
    { "stock_locate", 2, "integer" },
    { "tracking_number", 2, "integer" },
    { "timestamp", 6, "timestamp" },
    { "original_order_reference", 8, "integer" },
    { "new_order_reference", 8, "integer" },
    { "shares", 4, "integer" },
    { "price", 4, "price" },
  } },
  P = { name = "Trade (non-cross)", size = 44, fields = {
    { "stock_locate", 2, "integer" },
    { "tracking_number", 2, "integer" },
    { "timestamp", 6, "timestamp" },
    { "order_reference", 8, "integer" },
    { "side", 1, "alpha" },
    { "shares", 4, "integer" },
    { "stock", 8, "alpha" },
    { "price", 4, "price" },
    { "match_number", 8, "integer" },
  } },
  Q = { name = "Cross Trade", size = 40, fields = {
    { "stock_locate", 2, "integer" },
    { "tracking_number", 2, "integer" },
    { "timestamp", 6, "timestamp" },
    { "cross_shares", 8, "integer" },
    { "stock", 8, "alpha" },
    { "cross_price", 4, "price" },
    { "match_number", 8, "integer" },
    { "cross_type", 1, "alpha" },
  } },
  I = { name = "Net Order Imbalance Indicator", size = 50, fields = {
    { "stock_locate", 2, "integer" },
    { "tracking_number", 2, "integer" },
    { "timestamp", 6, "timestamp" },
    { "paired_shares", 8, "integer" },
    { "imbalance_shares", 8, "integer" },
    { "imbalance_direction", 1, "alpha" },
    { "stock", 8, "alpha" },
    { "far_price", 4, "price" },
    { "near_price", 4, "price" },
    { "current_reference_price", 4, "price" },
    { "cross_type", 1, "alpha" },
    { "price_variation_indicator", 1, "alpha" },
  } },
}
-- END LAYOUTS

-- One ProtoField per field name: a string for alphanumerics, an unsigned integer of the field's
-- width otherwise (the 6-byte timestamp as a 64-bit one).
local F = { type = ProtoField.string("itch50.type", LABELS.type) }
local UINT = { [2] = ProtoField.uint16, [4] = ProtoField.uint32, [6] = ProtoField.uint64,
               [8] = ProtoField.uint64 }
for _, l in pairs(LAYOUTS) do
  for _, f in ipairs(l.fields) do
    local name, width, kind = f[1], f[2], f[3]
    if not F[name] then
      local label = LABELS[name] or name
      if kind == "alpha" then
        F[name] = ProtoField.string("itch50." .. name, label)
      else
        F[name] = UINT[width]("itch50." .. name, label, base.DEC)
      end
    end
  end
end

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

local function add_field(tree, f, range)
  local name, width, kind = f[1], f[2], f[3]
  if kind == "alpha" then
    local value = range:string():gsub(" +$", "")
    return tree:add(F[name], range, value)
  elseif width == 6 or width == 8 then
    return tree:add(F[name], range, range:uint64())
  else
    local item = tree:add(F[name], range, range:uint())
    if kind == "price" then item:append_text(string.format(" (%.4f)", range:uint() / 10000)) end
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
  if tvb:len() < l.size then
    subtree:add_proto_expert_info(malformed)
    return tvb:len()
  end
  local offset = 1
  for _, f in ipairs(l.fields) do
    add_field(subtree, f, tvb(offset, f[2]))
    offset = offset + f[2]
  end
  return tvb:len()
end

DissectorTable.get("moldudp64.payload"):add_for_decode_as(itch)
