# Gives each sample team, converted from tests/data/samples_csv/NAME.csv with
# `teamscape convert`, its name, service, description, notes, integration and host agency:
#   python3 tests/data/describe_samples.py NAME sample_teams/NAME.ron
import re, sys
meta = {
 "youth-offending-team": dict(name="Northbrook Youth Offending Team", service="YouthCrime", integration="Coordination", host="Northbrook Borough Council",
   description="A council-hosted youth offending team. Police, probation and health staff are seconded in for part of their week; a psychologist and a speech and language therapist come in on sessions.",
   notes="Fictional sample. The pattern to look for: the best-paid, best-trained people (psychology, CAMHS nursing, speech and language therapy) sit on the edge of the team, while youth justice officers, youth workers and the administrator carry the core on the least training."),
 "camhs-team": dict(name="Riverside Community CAMHS", service="ChildMentalHealth", integration="Integration", host="Riverside NHS Foundation Trust",
   description="A community child and adolescent mental health team run by an NHS trust, with two social workers seconded from the city council.",
   notes="Fictional sample. The pattern to look for: one agency and the medical and therapeutic models dominate; consultant psychiatry tops every measure; the two seconded social workers sit on the edge and are the only members serving achieving economic well-being; nobody mainly serves making a positive contribution."),
 "special-needs-nursery": dict(name="Little Oaks Specialist Nursery", service="SpecialNeedsNursery", integration="Collaboration", host="Westfield County Council",
   description="A county council special-needs nursery. Therapists from the NHS trust and an educational psychologist visit for part of the week; a special-needs teacher is seconded from a special school.",
   notes="Fictional sample. The pattern to look for: early-years staff form the whole core on the lowest pay, least training and least say in decisions; the visiting therapists and psychologist, paid half as much again or more, are peripheral. The teacher has no leave entitlement to compare (holidays when schools close)."),
 "neuro-rehabilitation-team": dict(name="Eastgate Children's Neuro-Rehabilitation Team", service="NeuroRehabilitation", integration="Integration", host="Eastgate Children's Hospital NHS Trust",
   description="A co-located hospital team with unitary management: therapists at its heart, a consultant paediatrician and a neuropsychologist for part of their week, a hospital-school teacher and a social worker seconded from the council.",
   notes="Fictional sample. The pattern to look for: the consultant with the final say on cases spends under a third of her week in the team; therapy assistants and the administrator are core and act on instruction; the council social worker is on the edge."),
 "child-development-centre": dict(name="Meadowbank Child Development Centre", service="ChildDevelopment", integration="Collaboration", host="Meadowbank NHS Trust",
   description="A child development centre shared by the NHS trust, the borough council and a parents' charity. Many posts are part-time or split with other teams.",
   notes="Fictional sample. The pattern to look for: split posts put most of the high-status professions (paediatrics, psychology, the educational psychologist, the advisory teacher, the social worker) on the edge, while early-years and administrative staff hold the core."),
}
key = sys.argv[1]; path = sys.argv[2]
m = meta[key]
s = open(path).read()
def sub(pattern, repl):
    global s
    s2 = re.sub(pattern, repl, s, count=1, flags=re.M)
    assert re.search(pattern, s, flags=re.M), pattern
    s = s2
sub(r'^    name: ".*",$', f'    name: "{m["name"]}",')
sub(r'^    service: Other,$', f'    service: {m["service"]},')
sub(r'^    description: "",$', f'    description: "{m["description"]}",')
sub(r'^    notes: "",$', f'    notes: "{m["notes"]}",')
sub(r'^    integration: Coordination,$', f'    integration: {m["integration"]},')
# host agency id
agency_id = re.search(r'Agency\(\s*id: AgencyId\((\d+)\),\s*name: "' + re.escape(m["host"]) + '"', s)
assert agency_id, m["host"]
sub(r'^    host_agency: None,$', f'    host_agency: Some(({agency_id.group(1)})),')
open(path, "w").write(s)
