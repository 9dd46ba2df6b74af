EXPECTED: dict = {}
