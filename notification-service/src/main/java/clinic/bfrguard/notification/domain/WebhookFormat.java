package clinic.bfrguard.notification.domain;

/**
 * The body a webhook target receives: a CloudEvents 1.0 JSON event, or a PagerDuty Events API v2 event (which
 * Opsgenie's PagerDuty-compatible integration also takes), so a clinic already paging through one of them plugs in.
 */
public enum WebhookFormat {
    CLOUDEVENTS, PAGERDUTY
}
