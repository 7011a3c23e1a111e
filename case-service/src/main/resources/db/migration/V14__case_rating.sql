-- The customer's satisfaction rating of a resolved Case (POST /cases/{id}/rating, through the
-- gateway): given once, kept when the Case reopens. score and rated_at are set together.
ALTER TABLE chat_case
    ADD COLUMN rating_score   smallint CHECK (rating_score BETWEEN 1 AND 5),
    ADD COLUMN rating_comment varchar(1000),
    ADD COLUMN rated_at       timestamptz,
    ADD CONSTRAINT chat_case_rating_whole CHECK ((rating_score IS NULL) = (rated_at IS NULL));
