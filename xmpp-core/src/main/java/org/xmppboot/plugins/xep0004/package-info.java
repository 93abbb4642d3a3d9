/**
 * XEP-0004 Data Forms, with the cheap parts of XEP-0122 Data Forms Validation: a bot can send a form (in a
 * message or inside another protocol's iq), read the submitted answer with typed getters (booleans, JIDs,
 * lists), check the submission against the form it sent (required fields, options, JIDs, datatypes and
 * ranges), and answer an invalid one with a stanza error naming the faulty fields.
 */
@NullMarked
package org.xmppboot.plugins.xep0004;

import org.jspecify.annotations.NullMarked;
