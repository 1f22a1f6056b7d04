-- The consultation desk, continued: its schedule, the knowledge base's consents, files in
-- the conversation.

-- Nothing forgotten: when the matching experts were reminded of a request nobody took,
-- when the organizers were alerted, when the expert who took it was reminded to answer.
-- Each is set in the transaction that queues its message, so it fires once.
ALTER TABLE consultations ADD COLUMN experts_reminded_at TEXT;
ALTER TABLE consultations ADD COLUMN organizers_alerted_at TEXT;
ALTER TABLE consultations ADD COLUMN expert_reminded_at TEXT;

-- The knowledge base: may the resolved exchange be published without names? NULL: not
-- asked or not answered yet; 1 yes, 0 no. Published while both are 1; either side can
-- withdraw later.
ALTER TABLE consultations ADD COLUMN faq_asker_consent INTEGER;
ALTER TABLE consultations ADD COLUMN faq_expert_consent INTEGER;

-- A photo or a document in the conversation (Telegram's file id; the caption is `body`).
ALTER TABLE consultation_messages ADD COLUMN file_kind TEXT
    CHECK (file_kind IS NULL OR file_kind IN ('photo', 'document'));
ALTER TABLE consultation_messages ADD COLUMN file_id TEXT;
