-- two purchases
INSERT INTO purchase (customer_id, status, amount) VALUES (1, 'paid', 10.50);
INSERT INTO purchase (customer_id, status, amount) VALUES (2, 'open', 3.25);
