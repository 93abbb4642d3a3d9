#!/usr/bin/env python3
# Prints README's properties table from the modules' metadata (run after ./mvnw install -DskipTests).
import json
props={}
for f in ['xmpp-spring-boot-autoconfigure/target/classes/META-INF/spring-configuration-metadata.json','xmpp-spring-boot-local-server/target/classes/META-INF/spring-configuration-metadata.json']:
    m=json.load(open(f))
    for p in m['properties']:
        if p['name'].startswith('xmpp.'):
            props[p['name']]=p
out=["| property | default | what it does |","| --- | --- | --- |"]
for name in sorted(props):
    p=props[name]
    d=p.get('defaultValue')
    if isinstance(d,list): d=','.join(map(str,d))
    if isinstance(d,bool): d=str(d).lower()
    dv='' if d is None or d=='' else '`%s`'%d
    desc=(p.get('description') or '').replace('|','\\|').replace('\n',' ')
    out.append("| `%s` | %s | %s |"%(name,dv,desc))
print('\n'.join(out))
