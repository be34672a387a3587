"""Design-space exploration: configurations in canonical form (model), the safety order (order),
FlexOS's published data (flexos), bulkhead's results database (results), fig-08 (figure) and
`./bulkhead explore` (command).  docs/explore.md describes the order and the database."""
