-- Retention (messaging/MessageRetention) keeps a message while a kept reply points at it: this
-- index finds the replies without scanning every message.
CREATE INDEX messages_in_reply_to ON messages (in_reply_to) WHERE in_reply_to IS NOT NULL;
