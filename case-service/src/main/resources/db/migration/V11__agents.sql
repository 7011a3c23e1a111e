-- The agents case-service has seen (an agent's console loads its tiles on every connect): the
-- names a transfer shows to the customer, and the console's list of agents to transfer to.
CREATE TABLE agent (
    id         varchar(100) PRIMARY KEY,
    first_name varchar(100),
    last_name  varchar(100),
    seen_at    timestamptz  NOT NULL
);
