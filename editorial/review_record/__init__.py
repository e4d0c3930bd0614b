"""The public review record of a published article: what anyone can check about how the
text they read was reviewed and approved (GET /api/v1/public/articles/{slug}/review-record/)."""
