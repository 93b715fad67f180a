package clinic.bfrguard.notification.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * One channel of one person, as a notification is addressed: the channel's name and address, for a webhook its
 * format and routing key, for a push subscription the browser's keys.
 */
public record Target(String channel, String address, WebhookFormat format, String routingKey,
        PushSubscription.Keys push) {

    public static Target email(String address) {
        return new Target(ContactPoints.EMAIL_CHANNEL, address, null, null, null);
    }

    public static Target webhook(Webhook webhook) {
        return new Target(ContactPoints.WEBHOOK_CHANNEL_PREFIX + webhook.name(), webhook.url(), webhook.format(),
                webhook.routingKey(), null);
    }

    public static Target push(PushSubscription subscription) {
        return new Target(subscription.channel(), subscription.endpoint(), null, null, subscription.keys());
    }

    /** Every channel of these contact points, e-mail first. */
    public static List<Target> of(ContactPoints contacts) {
        List<Target> targets = new ArrayList<>();
        if (contacts.email() != null) {
            targets.add(email(contacts.email()));
        }
        contacts.webhooks().forEach(webhook -> targets.add(webhook(webhook)));
        contacts.push().forEach(subscription -> targets.add(push(subscription)));
        return targets;
    }

    public boolean isPush() {
        return push != null;
    }
}
