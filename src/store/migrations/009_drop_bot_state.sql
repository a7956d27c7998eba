-- Teams AI's conversation and user state lived here (a read and a write on
-- every turn), but no handler used it: every journey keeps its drafts in its
-- own tables (checks, requests, bookings), which survive restarts and can be
-- listed. The bot now runs without turn-state storage and the table goes.
DROP TABLE bot_state;
