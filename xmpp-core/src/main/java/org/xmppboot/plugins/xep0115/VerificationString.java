package org.xmppboot.plugins.xep0115;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0004.FieldType;
import org.xmppboot.plugins.xep0004.FormField;
import org.xmppboot.plugins.xep0030.DiscoInfo;
import org.xmppboot.plugins.xep0030.ServiceDiscovery.Identity;

/**
 * The verification string of XEP-0115 §5: made from an entity's {@code disco#info} (§5.1), and checked against
 * one (§5.4). Values enter the string as their XML character data (unescaped text, as §5.1 says), each
 * followed by {@code '<'}.
 */
public final class VerificationString {

    /** The hash functions by their IANA names (§4, §9.1), with the JDK's names. */
    private static final Map<String, String> HASHES = Map.of(
            "sha-1", "SHA-1", "sha-224", "SHA-224", "sha-256", "SHA-256", "sha-384", "SHA-384",
            "sha-512", "SHA-512", "md5", "MD5");

    /** §5.1: every sort uses the "i;octet" collation of RFC 4790, that is, UTF-8 bytes compared unsigned. */
    static final Comparator<String> OCTET = (a, b) -> {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return Arrays.compareUnsigned(x, y);
    };

    private static final Comparator<Identity> IDENTITY_ORDER = Comparator
            .comparing(Identity::category, OCTET)
            .thenComparing(Identity::type, OCTET)
            .thenComparing(i -> orEmpty(i.lang()), OCTET)
            .thenComparing(i -> orEmpty(i.name()), OCTET);

    private VerificationString() {
    }

    public static boolean isSupported(@Nullable String hash) {
        return hash != null && HASHES.containsKey(hash);
    }

    public static Set<String> supportedHashes() {
        return HASHES.keySet();
    }

    /**
     * The verification string of this information.
     *
     * @param hash the hash function's IANA name
     * @throws IllegalArgumentException for a hash function that is not {@linkplain #isSupported supported}
     */
    public static String of(DiscoInfo info, String hash) {
        String algorithm = HASHES.get(hash);
        if (algorithm == null) {
            throw new IllegalArgumentException("Unsupported caps hash '" + hash + "'");
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(input(info).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks " + algorithm, e);
        }
    }

    /**
     * Whether {@code ver} is the verification string of this information: it is well formed (§5.4 step 3.3 to
     * 3.5, see {@link #problems}) and hashes to {@code ver}.
     */
    public static boolean verify(DiscoInfo info, String hash, String ver) {
        return isSupported(hash) && problems(info).isEmpty() && of(info, hash).equals(ver);
    }

    /**
     * Why an answer is ill-formed for entity capabilities (§5.4 step 3): two identities alike in category, type,
     * lang and name, a feature twice, two extended forms of the same FORM_TYPE, or a FORM_TYPE with differing
     * values. Empty when it is well formed.
     */
    public static List<String> problems(DiscoInfo info) {
        List<String> problems = new ArrayList<>();
        Set<Identity> identities = new HashSet<>();
        for (Identity identity : info.identities()) {
            if (!identities.add(identity)) {
                problems.add("identity " + identityString(identity) + " appears twice");
            }
        }
        Set<String> features = new HashSet<>();
        for (String feature : info.features()) {
            if (!features.add(feature)) {
                problems.add("feature " + feature + " appears twice");
            }
        }
        Set<String> formTypes = new HashSet<>();
        for (DataForm form : info.forms()) {
            FormField formType = form.field(DataForm.FORM_TYPE);
            if (formType == null) {
                continue;
            }
            if (new LinkedHashSet<>(formType.getValues()).size() > 1) {
                problems.add("FORM_TYPE has differing values " + formType.getValues());
            } else if (!formTypes.add(formType.getValue() == null ? "" : formType.getValue())) {
                problems.add("two forms of FORM_TYPE " + formType.getValue());
            }
        }
        return problems;
    }

    /** The string S of §5.1, before hashing. */
    static String input(DiscoInfo info) {
        StringBuilder s = new StringBuilder();
        info.identities().stream().sorted(IDENTITY_ORDER)
                .forEach(identity -> s.append(identityString(identity)).append('<'));
        info.features().stream().sorted(OCTET).forEach(feature -> s.append(feature).append('<'));
        List<DataForm> forms = new ArrayList<>();
        for (DataForm form : info.forms()) {
            // §5.4 step 3.6: a form without FORM_TYPE, or whose FORM_TYPE is not hidden, is left out.
            FormField formType = form.field(DataForm.FORM_TYPE);
            if (formType != null && formType.getDeclaredType() == FieldType.HIDDEN && formType.getValue() != null) {
                forms.add(form);
            }
        }
        forms.sort(Comparator.comparing(DataForm::getFormTypeName, OCTET));
        for (DataForm form : forms) {
            s.append(form.getFormTypeName()).append('<');
            List<FormField> fields = new ArrayList<>();
            for (FormField field : form.fields()) {
                if (field.getVar() != null && !DataForm.FORM_TYPE.equals(field.getVar())) {
                    fields.add(field);
                }
            }
            fields.sort(Comparator.comparing(FormField::getVar, OCTET));
            for (FormField field : fields) {
                s.append(field.getVar()).append('<');
                field.getValues().stream().sorted(OCTET).forEach(value -> s.append(value).append('<'));
            }
        }
        return s.toString();
    }

    /** {@code category/type/lang/name}, each slash present even when lang or name is not (§5.1 step 2). */
    private static String identityString(Identity identity) {
        return identity.category() + '/' + identity.type() + '/' + orEmpty(identity.lang()) + '/'
                + orEmpty(identity.name());
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }
}
