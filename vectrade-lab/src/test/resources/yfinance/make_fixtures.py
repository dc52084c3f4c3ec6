#!/usr/bin/python3
"""Writes the yfinance fixtures of DataInOutTest: files in the forms pandas' to_csv gives yfinance's
yf.download(...) of several tickers (multi-level headers), and the hand-cleaned per-ticker files with
the same numbers. No pandas or yfinance needed (neither is installable here): the layouts are those
of pandas 2.x to_csv on yfinance's DataFrames, written out line by line. Numbers are a seeded random
walk rounded to cents and passed through float32, as Yahoo's prices come (185.63999938964844).

    cd vectrade-lab/src/test/resources/yfinance && /usr/bin/python3 make_fixtures.py
"""
import datetime
import random
import struct


def f32(v):
    return repr(struct.unpack('f', struct.pack('f', v))[0])


def walk(rng, start, days, vol):
    bars = {}
    price = start
    for d in days:
        o = round(price * (1 + rng.gauss(0, vol / 3)), 2)
        c = round(o * (1 + rng.gauss(0, vol)), 2)
        h = round(max(o, c) * (1 + abs(rng.gauss(0, vol / 2))), 2)
        lo = round(min(o, c) * (1 - abs(rng.gauss(0, vol / 2))), 2)
        v = rng.randrange(10_000_000, 90_000_000)
        bars[d] = {'Open': f32(o), 'High': f32(h), 'Low': f32(lo), 'Close': f32(c),
                   'Adj Close': f32(c * 0.9931), 'Volume': v}
        price = c
    return bars


rng = random.Random(20240102)
first = datetime.date(2024, 1, 2)
every_day = [first + datetime.timedelta(days=k) for k in range(45)]
holidays = {datetime.date(2024, 1, 15), datetime.date(2024, 2, 19)}  # MLK day, Presidents' day
weekdays = [d for d in every_day if d.weekday() < 5 and d not in holidays]
data = {'AAPL': walk(rng, 185.6, weekdays, 0.012), 'MSFT': walk(rng, 370.9, weekdays, 0.011),
        'BTC-USD': walk(rng, 45_000.0, every_day, 0.025)}


def cell(bars, d, name, float_volume):
    if d not in bars:
        return ''
    v = bars[d][name]
    return (repr(float(v)) if float_volume else str(v)) if name == 'Volume' else v


def multi_level(path, tickers, prices, days, price_first=True, level_names=True, index_row=True):
    """pandas' to_csv of a frame with (price, ticker) columns; group_by='column' sorts by price."""
    if price_first:
        cols = [(p, t) for p in prices for t in tickers]
    else:
        cols = [(p, t) for t in tickers for p in prices]
    float_volume = any(d not in data[t] for t in tickers for d in days)  # a NaN makes pandas' column float
    top = [c[0] for c in cols] if price_first else [c[1] for c in cols]
    second = [c[1] for c in cols] if price_first else [c[0] for c in cols]
    names = (['Price', 'Ticker'] if price_first else ['Ticker', 'Price']) if level_names else ['', '']
    lines = [','.join([names[0]] + top), ','.join([names[1]] + second)]
    if index_row:
        lines.append(','.join(['Date'] + [''] * len(cols)))
    for d in days:
        lines.append(','.join([d.isoformat()] + [cell(data[t], d, p, float_volume) for p, t in cols]))
    with open(path, 'w', newline='') as f:
        f.write('\n'.join(lines) + '\n')


def clean(ticker):
    with open('clean/' + ticker + '.csv', 'w', newline='') as f:
        f.write('date,open,high,low,close,volume\n')
        for d, b in sorted(data[ticker].items()):
            f.write(','.join([d.isoformat(), b['Open'], b['High'], b['Low'], b['Close'], str(b['Volume'])]) + '\n')


NEW = ['Close', 'High', 'Low', 'Open', 'Volume']                  # yfinance >= 0.2.51: auto_adjust=True
OLD = ['Open', 'High', 'Low', 'Close', 'Adj Close', 'Volume']     # yfinance < 0.2.51, group_by='ticker'
# yf.download(["AAPL", "MSFT"]) today: Price / Ticker / Date rows
multi_level('download-aapl-msft.csv', ['AAPL', 'MSFT'], NEW, weekdays)
# yf.download(["AAPL", "MSFT"], group_by="ticker", auto_adjust=False) with yfinance 0.1 / 0.2.x before the
# level names: the ticker row first, unnamed levels
multi_level('download-by-ticker-old.csv', ['AAPL', 'MSFT'], OLD, weekdays, price_first=False, level_names=False)
# yf.download(["AAPL", "BTC-USD"]) after reset of the index name: two header rows, AAPL empty on weekends
multi_level('download-aapl-btc-two-rows.csv', ['AAPL', 'BTC-USD'], NEW, every_day, index_row=False)
# yf.download("AAPL"): one ticker, still three header rows
multi_level('download-aapl.csv', ['AAPL'], NEW, weekdays)
import os
os.makedirs('clean', exist_ok=True)
for t in data:
    clean(t)
