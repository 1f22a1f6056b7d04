-- A message of the outbox may carry a photo or a document (relayed in a consultation): by
-- Telegram's file id, sent again without downloading it; the text is then its caption.
ALTER TABLE campaign_messages ADD COLUMN file_kind TEXT
    CHECK (file_kind IS NULL OR file_kind IN ('photo', 'document'));
ALTER TABLE campaign_messages ADD COLUMN file_id TEXT;
