package clinic.bfrguard.common.stream;

import java.util.HashMap;
import java.util.Map;

/**
 * How many streams of one kind each user has open on this replica, up to {@link StreamConfig#maxPerUser()}: a few
 * tabs and screens are normal, a client that opens streams in a loop holds no more than that many connections.
 */
public final class StreamSlots {

    private final int perUser;
    private final Map<String, Integer> open = new HashMap<>();

    public StreamSlots(int perUser) {
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
