package clinic.bfrguard.alert.api;

/** A user asked for one more alert stream than they may have open at once. */
public final class StreamLimitReached extends RuntimeException {

    public StreamLimitReached(int maxPerUser) {
        super("at most " + maxPerUser + " alert streams may be open at once per user; close one (another tab or"
                + " screen) or try again later");
    }
}
