#!/usr/bin/env python3
"""Writes a fleet's quarter (2026-Q4) of play logs as the screens send them to report_url:
<root>/<screen>/playlog/<log id>-<first>-<last>.jsonl, 5,000 records a batch, each line in
the play log's exact form (sorted keys, no spaces; the picture slides with their titles, as
a package with titled assets logs them) and hash-chained (prev = SHA-256 of the
line before). Unsigned: the benchmark passes --accept-unsigned (one Ed25519 check per 5,000
records is not what costs). Prints the number of records.
  bench_report_logs.py SCREENS SLIDE_SECONDS ROOT"""
import json, datetime, os, hashlib, sys
screens=int(sys.argv[1]); slide=int(sys.argv[2]); root=sys.argv[3]
base=datetime.datetime(2026,9,30,23,0,tzinfo=datetime.timezone.utc)
total=0
for n in range(screens):
    screen=f"langson/site{n//4:02d}/{n%4+1}"
    folder=os.path.join(root, screen.replace('/','_'), "playlog")
    os.makedirs(folder, exist_ok=True)
    logid=f"{0x1000+n:016x}"; seq=0; link="0"*64; batch=[]; first=1
    def flush():
        global batch, first
        if not batch: return
        name=f"{logid}-{first:020d}-{seq:020d}.jsonl"
        open(os.path.join(folder,name),"w").write("".join(batch))
        batch=[]; first=seq+1
    for day in range(92):
        for i in range(17*3600//slide):
            seq+=1
            s=base+datetime.timedelta(days=day,seconds=slide*i); e=s+datetime.timedelta(seconds=slide)
            rec={"assets":["notice-vi"] if i%2 else ["gate-photo","logo"],"channel":"langson","end":e.strftime("%Y-%m-%dT%H:%M:%SZ"),
                 "id":f"{logid}-{seq}","playlist":"day","prev":link,"screen":screen,"seq":seq,"slide":i%7,"start":s.strftime("%Y-%m-%dT%H:%M:%SZ"),"version":12}
            if not i%2: rec["titles"]={"gate-photo":{"en":"Huu Nghi International Border Gate","vi":"Cửa khẩu Quốc tế Hữu Nghị"}}
            line=json.dumps(rec,separators=(",",":"),sort_keys=True,ensure_ascii=False)
            link=hashlib.sha256(line.encode()).hexdigest()
            batch.append(line+"\n")
            if len(batch)==5000: flush()
    flush(); total+=seq
print(total)
