package clinic.bfrguard.alert.api;

import clinic.bfrguard.alert.config.AlertConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.Map;

/**
 * How many alert streams each user has open on this replica, up to {@code clinic.alerts.stream.max-per-user}: a
 * few tabs and screens are normal, a client that opens streams in a loop holds no more than that many connections.
 */
@ApplicationScoped
public class StreamSlots {

    private final int perUser;
    private final Map<String, Integer> open = new HashMap<>();

    @Inject
    public StreamSlots(AlertConfig config) {
        this(config.stream().maxPerUser());
    }

    StreamSlots(int perUser) {
        this.perUser = perUser;
    }

    public int perUser() {
        return perUser;
    }

    /** Takes one of the user's places; false when all are taken. */
    public synchronized boolean take(String user) {
        int taken = open.getOrDefault(user, 0);
        if (taken >= perUser) {
            return false;
        }
        open.put(user, taken + 1);
        return true;
    }

    /** Gives back a place taken by {@link #take}. */
    public synchronized void giveBack(String user) {
        open.computeIfPresent(user, (name, taken) -> taken > 1 ? taken - 1 : null);
    }
}
