-- The calendar-link signing key is made here, once, instead of on first use.
-- Made on first use, it was read through the pool from inside the
-- booking-accept transaction (a second connection while the booking row was
-- locked: ten accepts at once hung the app), and a key made inside a
-- transaction that then rolled back could be cached but never stored.
-- 244 random bits from two gen_random_uuid() calls (pg_strong_random), base64url.
INSERT INTO calendar_link_keys (id, secret)
VALUES (1, rtrim(translate(encode(decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'), 'base64'), '+/', '-_'), '='))
ON CONFLICT (id) DO NOTHING;
