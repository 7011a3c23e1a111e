-- Private notes (POST /cases/{id}/notes): agents' messages of kind NOTE, in the conversation's seq
-- order, never served to customers (RULE: note-visibility, domain/CaseTransitions).
ALTER TABLE message DROP CONSTRAINT message_kind_check,
    ADD CONSTRAINT message_kind_check CHECK (kind IN ('TEXT', 'FILE', 'SYSTEM', 'NOTE'));
