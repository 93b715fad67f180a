package clinic.bfrguard.alert.domain;

/**
 * Why a notification failed: the channel refused it, or there was nobody to page at all (no clinician on call at
 * the alert's site), which the board must show, since then nobody but those watching the board knows of the alert.
 */
public enum NotificationFailure {
    CHANNEL_FAILED, NOBODY_ON_CALL
}
