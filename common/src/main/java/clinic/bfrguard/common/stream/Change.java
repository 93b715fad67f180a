package clinic.bfrguard.common.stream;

/**
 * One entry of a change table, as its stream sends it: {@code seq} is the event id, {@code site} decides who may
 * see it, {@code json} is the event's data.
 */
public record Change(long seq, String site, String json) {
}
