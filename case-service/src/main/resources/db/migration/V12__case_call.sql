-- Calls of Support SDK Cases, as the gateways report them (POST /cases/{id}/calls/{callId}): one row
-- per call, so that each call is logged once in the conversation however often it is reported.
CREATE TABLE case_call (
    case_id     uuid         NOT NULL REFERENCES chat_case (id),
    call_id     varchar(48)  NOT NULL,
    media       varchar(5)   NOT NULL CHECK (media IN ('audio', 'video')),
    offered_at  timestamptz  NOT NULL,
    -- Set when the customer's answer was relayed ("... call started" logged).
    answered_at timestamptz,
    -- Set when the call ended ("... call ended (m:ss)", "Missed ... call" or "... call declined").
    ended_at    timestamptz,
    end_reason  varchar(16),
    PRIMARY KEY (case_id, call_id)
);
