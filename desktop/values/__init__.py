"""Values as people write them: money (fen, 元, 万元) and dates, parsed and shown in one place."""
