"""Writes about candidates, one module per concern: `ingest` (candidates and ingestions in),
`review` (recruiters' decisions and score overrides), `metadata` (integrators' own keys),
`invitations` (the interview link mailed to the candidate)."""
