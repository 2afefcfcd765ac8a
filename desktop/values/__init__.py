"""Values as people write them: money (fen, 元, 万元, 亿元, 大写) and dates, parsed and shown in one place."""
