package clinic.bfrguard.notification.domain;

import clinic.bfrguard.common.domain.InvalidInput;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A clinician's own ways to be reached: an e-mail address, webhook targets and the Web Push subscriptions of their
 * devices. Each is one channel, and a page goes out on every channel the person has.
 */
public record ContactPoints(String email, List<Webhook> webhooks, List<PushSubscription> push) {

    public static final String EMAIL_CHANNEL = "email";
    public static final String WEBHOOK_CHANNEL_PREFIX = "webhook:";
    public static final int MAX_WEBHOOKS = 5;
    public static final int MAX_PUSH = 10;

    /** Deliberately plain: one @, no spaces, a dot in the domain; the mail server is the final judge. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,39}$");

    public ContactPoints {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        push = push == null ? List.of() : List.copyOf(push);
    }

    public static ContactPoints none() {
        return new ContactPoints(null, List.of(), List.of());
    }

    public boolean isEmpty() {
        return email == null && webhooks.isEmpty() && push.isEmpty();
    }

    /** These contact points without the push subscription of {@code endpoint}. */
    public ContactPoints withoutPush(String endpoint) {
        return new ContactPoints(email, webhooks, push.stream().filter(p -> !p.endpoint().equals(endpoint)).toList());
    }

    /** The channel names, e-mail first: {@code email}, {@code webhook:<name>}, {@code push:<hash>}. */
    public List<String> channels() {
        List<String> channels = new ArrayList<>();
        if (email != null) {
            channels.add(EMAIL_CHANNEL);
        }
        webhooks.forEach(webhook -> channels.add(WEBHOOK_CHANNEL_PREFIX + webhook.name()));
        push.forEach(subscription -> channels.add(subscription.channel()));
        return channels;
    }

    /**
     * The contact points as given, checked: a malformed e-mail address, a webhook without a name, URL or format,
     * two webhooks of one name, a PagerDuty target without routing key, or a target that is not {@code https}
     * (unless {@code allowHttp}), more than {@value #MAX_PUSH} push subscriptions, one endpoint twice or a
     * subscription a browser would not have made ({@link PushSubscription}) is refused with the field it concerns.
     */
    public static ContactPoints validated(ContactPoints input, boolean allowHttp) {
        if (input == null) {
            throw new InvalidInput("body: required, {\"email\": ..., \"webhooks\": [...], \"push\": [...]}");
        }
        String email = input.email() == null || input.email().isBlank() ? null : input.email().trim();
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            throw new InvalidInput("email", "'" + email + "' is not an e-mail address");
        }
        if (input.webhooks().size() > MAX_WEBHOOKS) {
            throw new InvalidInput("webhooks", "at most " + MAX_WEBHOOKS);
        }
        Set<String> names = new HashSet<>();
        List<Webhook> webhooks = new ArrayList<>();
        for (int i = 0; i < input.webhooks().size(); i++) {
            Webhook webhook = input.webhooks().get(i);
            String field = "webhooks[" + i + "]";
            if (webhook == null) {
                throw new InvalidInput(field, "required");
            }
            if (webhook.name() == null || !NAME.matcher(webhook.name()).matches()) {
                throw new InvalidInput(field + ".name", "1 to 40 lower-case letters, digits or '-'");
            }
            if (!names.add(webhook.name())) {
                throw new InvalidInput(field + ".name", "'" + webhook.name() + "' twice");
            }
            if (webhook.format() == null) {
                throw new InvalidInput(field + ".format", "required, CLOUDEVENTS or PAGERDUTY");
            }
            checkUrl(field + ".url", webhook.url(), allowHttp);
            String routingKey = webhook.routingKey() == null || webhook.routingKey().isBlank() ? null
                    : webhook.routingKey().trim();
            if (webhook.format() == WebhookFormat.PAGERDUTY && routingKey == null) {
                throw new InvalidInput(field + ".routingKey", "required for PAGERDUTY (the integration key)");
            }
            if (routingKey != null && routingKey.length() > 200) {
                throw new InvalidInput(field + ".routingKey", "at most 200 characters");
            }
            webhooks.add(new Webhook(webhook.name(), webhook.url().trim(), webhook.format(), routingKey));
        }
        if (input.push().size() > MAX_PUSH) {
            throw new InvalidInput("push", "at most " + MAX_PUSH + " devices");
        }
        Set<String> endpoints = new HashSet<>();
        List<PushSubscription> push = new ArrayList<>();
        for (int i = 0; i < input.push().size(); i++) {
            PushSubscription subscription = PushSubscription.validated(input.push().get(i), "push[" + i + "]",
                    allowHttp);
            if (!endpoints.add(subscription.endpoint())) {
                throw new InvalidInput("push[" + i + "].endpoint", "this device twice");
            }
            push.add(subscription);
        }
        return new ContactPoints(email, webhooks, push);
    }

    static void checkUrl(String field, String url, boolean allowHttp) {
        if (url == null || url.isBlank()) {
            throw new InvalidInput(field, "required");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new InvalidInput(field, "not a URL");
        }
        if (url.length() > 2000 || uri.getHost() == null || uri.getScheme() == null) {
            throw new InvalidInput(field, "not an absolute URL");
        }
        String scheme = uri.getScheme().toLowerCase();
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new InvalidInput(field, "must be https: a page carries clinical information");
        }
        if (uri.getUserInfo() != null) {
            throw new InvalidInput(field, "must not carry credentials");
        }
    }
}
