#!/usr/bin/env python3
"""A tiny engine in a script, for the bring-your-own-engine scenarios: FIX 4.4 by hand over a
socket. It logs on, sends an IOC buy every --interval seconds, answers TestRequests, and logs out
on SIGTERM. No feed: it shows that anything that speaks FIX plugs in by command line."""

import argparse
import os
import signal
import socket
import time

SOH = "\x01"


def utc_now():
    t = time.time()
    return time.strftime("%Y%m%d-%H:%M:%S", time.gmtime(t)) + ".%03d" % (int(t * 1000) % 1000)


class Session:
    def __init__(self, sock, sender, target):
        self.sock, self.sender, self.target, self.seq = sock, sender, target, 1
        self.inbox = b""

    def send(self, msg_type, fields):
        body = "35=%s%s49=%s%s56=%s%s34=%d%s52=%s%s" % (
            msg_type, SOH, self.sender, SOH, self.target, SOH, self.seq, SOH, utc_now(), SOH)
        body += "".join("%d=%s%s" % (tag, value, SOH) for tag, value in fields)
        head = "8=FIX.4.4%s9=%d%s" % (SOH, len(body), SOH)
        checksum = sum((head + body).encode()) % 256
        self.sock.sendall((head + body + "10=%03d%s" % (checksum, SOH)).encode())
        self.seq += 1

    def messages(self):
        """Whole messages received so far, as dicts of tag -> value."""
        try:
            self.inbox += self.sock.recv(65536)
        except BlockingIOError:
            pass
        while True:
            end = self.inbox.find(b"\x0110=")
            if end < 0 or self.inbox.find(b"\x01", end + 1) < 0:
                return
            stop = self.inbox.find(b"\x01", end + 1) + 1
            raw, self.inbox = self.inbox[:stop].decode(), self.inbox[stop:]
            yield dict(f.split("=", 1) for f in raw.split(SOH) if "=" in f)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--sender", required=True)
    p.add_argument("--target", required=True)
    p.add_argument("--symbol", default="ACME")
    p.add_argument("--price", default="99.00")
    p.add_argument("--interval", type=float, default=0.05)
    p.add_argument("--tif", default="3", help="TimeInForce(59): 3 IOC, 0 Day (orders rest)")
    # Misbehaviours, for the tests that prove the assertions bite (tests/integration).
    p.add_argument("--bad-message-at", type=int, default=0, help="order N has an empty Text(58)")
    p.add_argument("--skip-seq-at", type=int, default=0, help="order N skips 5 MsgSeqNums")
    p.add_argument("--crash-after", type=float, default=0, help="SIGSEGV itself after S seconds")
    args = p.parse_args()
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))

    s = Session(socket.create_connection((args.host, args.port)), args.sender, args.target)
    s.send("A", [(98, "0"), (108, "30"), (141, "Y")])
    s.sock.setblocking(False)
    orders, next_order, started = 0, time.time(), time.time()
    while not stopping:
        if args.crash_after and time.time() - started > args.crash_after:
            os.kill(os.getpid(), signal.SIGSEGV)
        for m in s.messages():
            if m.get("35") == "1":
                s.send("0", [(112, m.get("112", ""))])
            elif m.get("35") == "5":
                return 0
        if time.time() >= next_order:
            orders += 1
            fields = [(11, "PY%d" % orders), (55, args.symbol), (54, "1"), (60, utc_now()),
                      (38, "100"), (40, "2"), (44, args.price), (59, args.tif)]
            if orders == args.bad_message_at:
                fields.append((58, ""))
            if orders == args.skip_seq_at:
                s.seq += 5
            s.send("D", fields)
            next_order += args.interval
        time.sleep(0.001)
    s.send("5", [])
    time.sleep(0.05)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
