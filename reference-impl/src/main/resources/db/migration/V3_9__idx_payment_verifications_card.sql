-- Report, Fix 2: users sharing a card fingerprint. Note that the fraud check's other
-- payment lookup (a user's latest verification) is by user_id, which this index does not lead with.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_payment_verifications_card
  ON payment_verifications (card_fingerprint, user_id);
