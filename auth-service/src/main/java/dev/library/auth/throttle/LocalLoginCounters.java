package dev.library.auth.throttle;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The login throttle's rules on counters in this replica's memory, used while Redis cannot be
 * (down, frozen, or full and refusing writes): throttling degrades to per-replica, it does not
 * disappear. At most {@code maxKeys} counters are held; past that the least recently used go, so
 * no client can grow this without bound. One lock: logins are few, and each costs a hash anyway.
 */
final class LocalLoginCounters {

    private final Clock clock;
    private final Map<String, Entry> entries;

    LocalLoginCounters(Clock clock, int maxKeys) {
        this.clock = clock;
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** The same decision as the Redis script: {@code 0} when admitted, else the milliseconds to wait. */
    synchronized long admitLogin(LoginKeys keys, LoginThrottleProperties limits) {
        long now = clock.millis();
        long waitPair = refusal(keys.pair(), limits.maxFailuresPerUsernameAndClient(), now);
        if (waitPair > 0) {
            return waitPair;
        }
        long waitClient = refusal(keys.client(), limits.maxFailuresPerClient(), now);
        if (waitClient > 0) {
            return waitClient;
        }
        long failures = count(keys.user(), now);
        if (failures >= limits.usernameCeiling() && !known(keys, now)) {
            return remaining(keys.user(), now);
        }
        if (failures >= limits.usernameSlowdownAfter()) {
            Entry slot = live(keys.slot(), now);
            if (slot != null) {
                return Math.max(1, slot.expiresAt - now);
            }
            entries.put(keys.slot(), new Entry(1, now + limits.usernameSlowdownInterval().toMillis()));
        }
        long window = limits.window().toMillis();
        increment(keys.pair(), now, window);
        increment(keys.client(), now, window);
        increment(keys.user(), now, window);
        return 0;
    }

    synchronized void loginSucceeded(LoginKeys keys, LoginThrottleProperties limits) {
        long now = clock.millis();
        entries.remove(keys.pair());
        decrement(keys.client(), now);
        decrement(keys.user(), now);
        Entry known = live(keys.known(), now);
        if (known == null) {
            known = new Entry(0, 0);
            entries.put(keys.known(), known);
        }
        known.expiresAt = now + limits.knownClientTtl().toMillis();
        known.members.add(keys.clientAddress());
        while (known.members.size() > limits.maxKnownClientsPerUsername()) {
            known.members.remove(known.members.iterator().next());
        }
    }

    /** The sign-up rule; same answer shape as {@link #admitLogin}. */
    synchronized long admitSignup(String signupKey, String clientKey, LoginThrottleProperties limits) {
        long now = clock.millis();
        long waitSignups = refusal(signupKey, limits.maxSignupsPerClient(), now);
        if (waitSignups > 0) {
            return waitSignups;
        }
        long waitClient = refusal(clientKey, limits.maxFailuresPerClient(), now);
        if (waitClient > 0) {
            return waitClient;
        }
        increment(signupKey, now, limits.window().toMillis());
        return 0;
    }

    synchronized void clientFailed(String clientKey, LoginThrottleProperties limits) {
        increment(clientKey, clock.millis(), limits.window().toMillis());
    }

    private boolean known(LoginKeys keys, long now) {
        Entry known = live(keys.known(), now);
        return known != null && known.members.contains(keys.clientAddress());
    }

    private long refusal(String key, int limit, long now) {
        return count(key, now) >= limit ? remaining(key, now) : 0;
    }

    private long count(String key, long now) {
        Entry entry = live(key, now);
        return entry == null ? 0 : entry.count;
    }

    private long remaining(String key, long now) {
        Entry entry = live(key, now);
        return entry == null ? 1 : Math.max(1, entry.expiresAt - now);
    }

    private void increment(String key, long now, long windowMillis) {
        Entry entry = live(key, now);
        if (entry == null) {
            entries.put(key, new Entry(1, now + windowMillis));
        } else {
            entry.count++;
        }
    }

    private void decrement(String key, long now) {
        Entry entry = live(key, now);
        if (entry != null && entry.count > 0) {
            entry.count--;
        }
    }

    private Entry live(String key, long now) {
        Entry entry = entries.get(key);
        if (entry != null && entry.expiresAt <= now) {
            entries.remove(key);
            return null;
        }
        return entry;
    }

    private static final class Entry {
        private long count;
        private long expiresAt;
        private final Set<String> members = new LinkedHashSet<>();

        Entry(long count, long expiresAt) {
            this.count = count;
            this.expiresAt = expiresAt;
        }
    }
}
