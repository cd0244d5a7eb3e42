// PostgreSQL: the triggers that keep the unread counters (tables.ts) and remove state rows.
// One statement trigger per write over its transition table, taking the counter rows in key order
// so two writers never wait on each other in a cycle.

/** A PL/pgSQL statement trigger function and its trigger, `on` its event, table and transition tables. */
function postgresTrigger(name: string, on: string, body: string): string[] {
  return [
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${body}
      RETURN NULL;
    END $$`,
    `CREATE TRIGGER ${name} AFTER ${on}
      FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`,
  ];
}

export const COUNTER_TRIGGERS = [
  ...postgresTrigger(
    'nf_items_counted_insert',
    'INSERT ON items REFERENCING NEW TABLE AS added',
    `INSERT INTO feed_item_counts AS c (feed_id, items, newest)
        SELECT feed_id, COUNT(*), MAX(sort_at) FROM added GROUP BY feed_id ORDER BY feed_id
        ON CONFLICT (feed_id) DO UPDATE SET items = c.items + excluded.items,
          newest = GREATEST(c.newest, excluded.newest);`,
  ),
  ...postgresTrigger(
    'nf_items_counted_delete',
    'DELETE ON items REFERENCING OLD TABLE AS removed',
    `PERFORM 1 FROM feed_item_counts WHERE feed_id IN (SELECT feed_id FROM removed)
        ORDER BY feed_id FOR UPDATE;
      UPDATE feed_item_counts AS c SET items = c.items - d.n,
          newest = CASE WHEN d.latest >= c.newest
            THEN (SELECT MAX(sort_at) FROM items WHERE items.feed_id = c.feed_id) ELSE c.newest END
        FROM (SELECT feed_id, COUNT(*) AS n, MAX(sort_at) AS latest FROM removed GROUP BY feed_id) d
        WHERE c.feed_id = d.feed_id;`,
  ),
  // A row trigger: it fires only for the rare update that moves an item's sort time, where a
  // statement trigger would copy every updated item (clustering updates them all) into its tables.
  `CREATE FUNCTION nf_items_counted_resort() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE feed_item_counts SET newest = (SELECT MAX(sort_at) FROM items WHERE feed_id = NEW.feed_id)
      WHERE feed_id = NEW.feed_id AND (newest < NEW.sort_at OR newest = OLD.sort_at);
      RETURN NULL;
    END $$`,
  `CREATE TRIGGER nf_items_counted_resort AFTER UPDATE OF sort_at ON items FOR EACH ROW
    WHEN (NEW.sort_at IS DISTINCT FROM OLD.sort_at) EXECUTE FUNCTION nf_items_counted_resort()`,
  ...postgresTrigger(
    'nf_item_states_read_insert',
    'INSERT ON item_states REFERENCING NEW TABLE AS added',
    `INSERT INTO feed_read_counts AS c (user_id, feed_id, read)
        SELECT user_id, feed_id, COUNT(*) FROM added WHERE read = 1
        GROUP BY user_id, feed_id ORDER BY user_id, feed_id
        ON CONFLICT (user_id, feed_id) DO UPDATE SET read = c.read + excluded.read;`,
  ),
  ...postgresTrigger(
    'nf_item_states_read_update',
    'UPDATE ON item_states REFERENCING OLD TABLE AS old_states NEW TABLE AS new_states',
    `INSERT INTO feed_read_counts AS c (user_id, feed_id, read)
        SELECT user_id, feed_id, SUM(delta) FROM (
          SELECT user_id, feed_id, read AS delta FROM new_states
          UNION ALL SELECT user_id, feed_id, -read FROM old_states
        ) changes GROUP BY user_id, feed_id HAVING SUM(delta) <> 0 ORDER BY user_id, feed_id
        ON CONFLICT (user_id, feed_id) DO UPDATE SET read = c.read + excluded.read;`,
  ),
  ...postgresTrigger(
    'nf_item_states_read_delete',
    'DELETE ON item_states REFERENCING OLD TABLE AS removed',
    `PERFORM 1 FROM feed_read_counts WHERE (user_id, feed_id) IN
          (SELECT user_id, feed_id FROM removed WHERE read = 1)
        ORDER BY user_id, feed_id FOR UPDATE;
      UPDATE feed_read_counts AS c SET read = c.read - d.n
        FROM (SELECT user_id, feed_id, COUNT(*) AS n FROM removed WHERE read = 1 GROUP BY user_id, feed_id) d
        WHERE c.user_id = d.user_id AND c.feed_id = d.feed_id;`,
  ),
];

// item_states has no foreign keys here (checking each row locked each item): a state write locks its
// scope once (readers/state-write-scope.ts), and an item delete first takes its feeds' counter rows,
// so it waits for any state write on those feeds and then removes that write's rows too.
export const STATE_ROW_TRIGGERS = [
  ...postgresTrigger(
    'nf_items_drop_states',
    'DELETE ON items REFERENCING OLD TABLE AS removed',
    `PERFORM 1 FROM feed_item_counts WHERE feed_id IN (SELECT feed_id FROM removed)
        ORDER BY feed_id FOR UPDATE;
      DELETE FROM item_states WHERE item_id IN (SELECT id FROM removed);`,
  ),
  ...postgresTrigger(
    'nf_users_drop_states',
    'DELETE ON users REFERENCING OLD TABLE AS removed',
    `DELETE FROM item_states WHERE user_id IN (SELECT id FROM removed);`,
  ),
];
