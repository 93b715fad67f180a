package clinic.bfrguard.session.domain;

import java.util.Locale;

/**
 * An exercise of the clinic's catalogue: a set names it by its code ({@code LEG_PRESS}); people read its label
 * ("Leg press"), which is the code in words, so a clinic that adds a code needs to write nothing else.
 */
public record Exercise(String code, String label) {

    public static Exercise of(String code) {
        String words = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return new Exercise(code, Character.toUpperCase(words.charAt(0)) + words.substring(1));
    }
}
