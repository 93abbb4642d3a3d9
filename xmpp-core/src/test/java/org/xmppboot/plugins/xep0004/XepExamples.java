package org.xmppboot.plugins.xep0004;

/** The data forms of XEP-0004 §5's examples, as the XEP prints them. */
final class XepExamples {

    private XepExamples() {
    }

    /** Example 2, "Service Returns Bot Creation Form". */
    static final String BOT_CREATION_FORM = """
            <x xmlns='jabber:x:data' type='form'>
              <title>Bot Configuration</title>
              <instructions>Fill out this form to configure your new bot!</instructions>
              <field type='hidden'
                     var='FORM_TYPE'>
                <value>jabber:bot</value>
              </field>
              <field type='fixed'><value>Section 1: Bot Info</value></field>
              <field type='text-single'
                     label='The name of your bot'
                     var='botname'/>
              <field type='text-multi'
                     label='Helpful description of your bot'
                     var='description'/>
              <field type='boolean'
                     label='Public bot?'
                     var='public'>
                <required/>
              </field>
              <field type='text-private'
                     label='Password for special access'
                     var='password'/>
              <field type='fixed'><value>Section 2: Features</value></field>
              <field type='list-multi'
                     label='What features will the bot support?'
                     var='features'>
                <option label='Contests'><value>contests</value></option>
                <option label='News'><value>news</value></option>
                <option label='Polls'><value>polls</value></option>
                <option label='Reminders'><value>reminders</value></option>
                <option label='Search'><value>search</value></option>
                <value>news</value>
                <value>search</value>
              </field>
              <field type='fixed'><value>Section 3: Subscriber List</value></field>
              <field type='list-single'
                     label='Maximum number of subscribers'
                     var='maxsubs'>
                <value>20</value>
                <option label='10'><value>10</value></option>
                <option label='20'><value>20</value></option>
                <option label='30'><value>30</value></option>
                <option label='50'><value>50</value></option>
                <option label='100'><value>100</value></option>
                <option label='None'><value>none</value></option>
              </field>
              <field type='fixed'><value>Section 4: Invitations</value></field>
              <field type='jid-multi'
                     label='People to invite'
                     var='invitelist'>
                <desc>Tell all your friends about your new bot!</desc>
              </field>
            </x>""";

    /** Example 3, "User Submits Bot Creation Form". */
    static final String BOT_CREATION_SUBMISSION = """
            <x xmlns='jabber:x:data' type='submit'>
              <field type='hidden' var='FORM_TYPE'>
                <value>jabber:bot</value>
              </field>
              <field type='text-single' var='botname'>
                <value>The Jabber Google Bot</value>
              </field>
              <field type='text-multi' var='description'>
                <value>This bot enables you to send requests to</value>
                <value>Google and receive the search results right</value>
                <value>in your Jabber client. It&apos; really cool!</value>
                <value>It even supports Google News!</value>
              </field>
              <field type='boolean' var='public'>
                <value>0</value>
              </field>
              <field type='text-private' var='password'>
                <value>v3r0na</value>
              </field>
              <field type='list-multi' var='features'>
                <value>news</value>
                <value>search</value>
              </field>
              <field type='list-single' var='maxsubs'>
                <value>50</value>
              </field>
              <field type='jid-multi' var='invitelist'>
                <value>juliet@capulet.com</value>
                <value>benvolio@montague.net</value>
              </field>
            </x>""";

    /** Example 8, "Service Returns Search Results" (three of its five items). */
    static final String SEARCH_RESULTS = """
            <x xmlns='jabber:x:data' type='result'>
              <title>Joogle Search: verona</title>
              <reported>
                <field var='name'/>
                <field var='url'/>
              </reported>
              <item>
                <field var='name'>
                  <value>Comune di Verona - Benvenuti nel sito ufficiale</value>
                </field>
                <field var='url'>
                  <value>http://www.comune.verona.it/</value>
                </field>
              </item>
              <item>
                <field var='name'>
                  <value>benvenuto!</value>
                </field>
                <field var='url'>
                  <value>http://www.hellasverona.it/</value>
                </field>
              </item>
              <item>
                <field var='name'>
                  <value>Universita degli Studi di Verona - Home Page</value>
                </field>
                <field var='url'>
                  <value>http://www.univr.it/</value>
                </field>
              </item>
            </x>""";
}
