package be.samenbord.indicators.store;

import be.samenbord.indicators.model.Consent;

/**
 * A person of a workshop (IND-1): a pseudonym ({@code id}, random, tied to nothing else), the
 * SHA-256 of their personal key (never the key), and their consent.
 */
public record Person(String id, String workshop, String keyHash, long createdAt, Consent consent) {

    public Person withConsent(Consent c) {
        return new Person(id, workshop, keyHash, createdAt, c);
    }
}
