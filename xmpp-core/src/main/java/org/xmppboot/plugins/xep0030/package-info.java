/** XEP-0030 Service Discovery: what this entity is and which features it supports. */
@NullMarked
package org.xmppboot.plugins.xep0030;

import org.jspecify.annotations.NullMarked;
