// Package content holds Honoscope's help and training text: short help for
// every item of HoNOS, HoNOS 65+ and HoNOSCA, the general rating rules, and
// (in the vignettes and pages folders) markdown training material rendered at
// build time by content/render into the bundle package.
//
// Every sentence here is our own plain wording, written from general
// clinical knowledge of what each scale covers. HoNOS, HoNOS 65+ and HoNOSCA
// © Royal College of Psychiatrists; none of the College's glossary text is
// copied or paraphrased. The package imports no markdown or YAML code so that
// it stays small inside the WebAssembly build.
package content

import "honoscope/scoring"

// ItemHelp is the help shown beside one item of the rating form.
type ItemHelp struct {
	// Number is the item's number on the form, from 1.
	Number int
	// Title is the item's short title (scoring.Instrument.Items).
	Title string
	// Covers says in one or two sentences what the item is about.
	Covers string
	// Levels describes in one short sentence each what ratings 0, 1, 2, 3
	// and 4 look like for this item. They illustrate the code meanings
	// (scoring.Code.Meaning); they are not an exhaustive glossary.
	Levels [5]string
	// Notes are rating reminders specific to this item.
	Notes []string
}

// Items returns the help for every item of the instrument, in form order,
// with numbers and titles taken from package scoring. It returns nil for an
// instrument Honoscope does not know. The slice is freshly built; callers may
// keep or change it.
func Items(id scoring.InstrumentID) []ItemHelp {
	in, err := scoring.LookupInstrument(string(id))
	if err != nil {
		return nil
	}
	var text []itemText
	switch in.ID {
	case scoring.HoNOS:
		text = honosText
	case scoring.HoNOS65:
		text = honos65Text
	case scoring.HoNOSCA:
		text = honoscaText
	}
	out := make([]ItemHelp, len(in.Items))
	for i, it := range in.Items {
		t := text[i]
		out[i] = ItemHelp{
			Number: it.Number,
			Title:  it.Title,
			Covers: t.covers,
			Levels: t.levels,
			Notes:  append([]string(nil), t.notes...),
		}
	}
	return out
}

// RatingRules returns the general rules for rating any instrument of the
// family, in our own words, in the order a rater should read them. The rating
// period (2 weeks; 3 days at inpatient discharge) and the code meanings are
// those of the project's scoring reference (shared/reference/honos-scoring.md,
// "Rating period" and "Codes", after METEOR 717795).
func RatingRules() []string {
	return []string{
		"Rate the items in order, starting at item 1, so each problem is rated at the first item that fits it.",
		"Rate the most severe problem in the rating period: the previous 2 weeks, or the previous 3 days when rating at discharge from inpatient care.",
		"Rate each problem once: if a problem has already been rated at an earlier item, do not rate it again at a later one.",
		"Rate how severe the problem is, whatever its cause, unless the item says otherwise.",
		"Use everything you know: your own contact, the notes, the family or carers and the rest of the team.",
		"Use 9 only when you truly do not know or the item does not apply; more than two 9s among the scored items make the total invalid.",
		"0 means no problem; 1 a minor problem needing no action; 2 a mild problem but definitely present; 3 a moderately severe problem; 4 a severe to very severe problem.",
		"A rating of 2 or more marks a problem that usually belongs in the care plan.",
	}
}

// itemText is the wording of one item's help, without number and title.
type itemText struct {
	covers string
	levels [5]string
	notes  []string
}

// honosText is the help for HoNOS items 1–12 (working-age adults).
var honosText = []itemText{
	{ // 1
		covers: "Behaviour that threatens, disturbs or frightens other people, and restlessness or agitation the person cannot settle, whatever the cause.",
		levels: [5]string{
			"No behaviour of this kind in the period.",
			"Occasional irritability, raised voice or restlessness that needed no response.",
			"Clear episodes of shouting, threats or agitation that others noticed and had to respond to.",
			"Repeated threats, damage to property or marked agitation that disrupted the ward or household.",
			"Physical assault, or behaviour so disturbed that others were at serious risk or physical intervention was needed.",
		},
		notes: []string{
			"Count the behaviour whatever drives it: intoxication, psychosis, dementia and frustration all count here.",
			"Self-harm belongs to item 2, not here.",
		},
	},
	{ // 2
		covers: "Deliberate self-harm, suicidal thinking and suicidal acts during the period.",
		levels: [5]string{
			"No thoughts of self-harm or suicide and no self-injury.",
			"Fleeting thoughts of death or self-harm, with little risk and no act.",
			"Self-injury that did not put life at risk, or thoughts of self-harm with some planning.",
			"Self-injury needing treatment, or a suicidal act or detailed plan with clear intent.",
			"A serious suicide attempt or self-injury that endangered life.",
		},
		notes: []string{
			"Accidental injury is not rated here.",
			"The physical results of self-harm (wounds, organ damage) are rated at item 5.",
		},
	},
	{ // 3
		covers: "Harmful use of alcohol, street drugs or misused medicines, including craving, loss of control and dependence.",
		levels: [5]string{
			"No problem with alcohol or drugs.",
			"Some heavy use, still within social norms and causing no harm.",
			"Loss of control over use, or use causing mild but real harm.",
			"Marked craving or dependence, frequent loss of control, or risky acts while intoxicated.",
			"Use that incapacitates the person or dominates their life.",
		},
		notes: []string{
			"Medicines taken as prescribed are not rated here.",
			"Aggression while intoxicated is rated at item 1; illness caused by use at item 5.",
		},
	},
	{ // 4
		covers: "Problems with memory, orientation, attention and understanding, from any cause: dementia, learning disability, head injury, acute confusion or other illness.",
		levels: [5]string{
			"No cognitive problem.",
			"Small lapses of memory or understanding, such as forgetting names now and then.",
			"Definite difficulty, such as losing track of recent events or getting lost in unfamiliar places.",
			"Marked disorientation in time or place, or great difficulty following simple information.",
			"Severe disorientation, such as not recognising close family, or being unable to follow simple speech.",
		},
		notes: []string{
			"Rate the cognitive problem itself; its effect on self-care and household tasks is rated at item 10.",
		},
	},
	{ // 5
		covers: "How far physical illness, disability, injury, sensory loss or side effects of treatment limit the person's activity and movement.",
		levels: [5]string{
			"No physical problem limiting activity.",
			"A minor health problem, such as a cold or a fall with no lasting effect.",
			"A physical problem that puts mild but definite limits on activity.",
			"Moderate limitation, such as needing a walking aid or help to get about.",
			"Severe disability, such as being confined to bed or chair.",
		},
		notes: []string{
			"Include side effects of medication, injuries from self-harm and illness caused by alcohol or drugs.",
			"Rate how much the problem limits the person, not the diagnosis alone.",
		},
	},
	{ // 6
		covers: "Hallucinations, delusions and other unusual beliefs or perceptions, whatever the diagnosis, and how much they distress the person or shape what they do.",
		levels: [5]string{
			"No hallucinations or delusions.",
			"Odd or eccentric beliefs not held with full conviction.",
			"Definite hallucinations or delusions with little distress or effect on behaviour.",
			"Marked preoccupation or distress, or behaviour clearly shaped by the experiences.",
			"Experiences that dominate the person's life, with severe distress or disturbed behaviour.",
		},
		notes: []string{
			"Behaviour that follows from the experiences, such as aggression or self-harm, is rated at items 1 and 2 as well, because it is a different problem.",
		},
	},
	{ // 7
		covers: "Low mood and the thinking that goes with it: hopelessness, guilt, loss of interest and loss of pleasure.",
		levels: [5]string{
			"No low mood.",
			"Gloomy at times, or mood changes in step with events.",
			"Mild but definite low mood, with some guilt or loss of self-esteem.",
			"Depression with marked guilt, hopelessness or loss of interest.",
			"Severe depression, with pervasive hopelessness or beliefs of worthlessness or deserving punishment.",
		},
		notes: []string{
			"Suicidal thinking is rated at item 2; agitation at item 1.",
			"Anxiety, poor sleep or poor appetite on their own belong to item 8.",
		},
	},
	{ // 8
		covers: "The single most severe clinical problem not covered by items 6 and 7, such as anxiety, phobia, obsessions, stress reactions, dissociation, unexplained physical symptoms, eating, sleep or sexual problems, or elated mood.",
		levels: [5]string{
			"No other mental or behavioural problem.",
			"A minor problem only.",
			"A problem that is clearly present, causing some distress or loss of control in some situations.",
			"A frequent or marked problem that disrupts daily life most days.",
			"A persistent, severe problem that dominates most of the person's life.",
		},
		notes: []string{
			"Pick the single most severe other problem in the period, rate it, and record its type (A to K).",
			"Do not rate here a problem already rated at another item.",
			"Other problems present are not rated; note them in the record instead.",
		},
	},
	{ // 9
		covers: "Difficulty with close and supportive relationships: isolation, withdrawal, conflict, or relationships that do harm rather than help.",
		levels: [5]string{
			"Good contact with people who support the person.",
			"Minor difficulty, or not making much of the relationships available.",
			"Definite problems in making or keeping close relationships, noticed by the person or others.",
			"Persistent major problems, such as marked isolation or damaging relationships.",
			"Severe and painful isolation, or relationships that are abusive or destructive.",
		},
		notes: []string{
			"Rate the relationship problem whatever its cause, including withdrawal that comes from symptoms.",
		},
	},
	{ // 10
		covers: "How the person manages everyday tasks: personal care such as washing, dressing and eating, and complex tasks such as money, shopping, cooking and travel.",
		levels: [5]string{
			"Manages every task well.",
			"Minor problems only, such as being a little untidy or disorganised.",
			"Self-care adequate, but clear difficulty with one or more complex tasks.",
			"Major problems in one area of self-care, or in most complex tasks.",
			"Severe disability in most self-care and complex tasks.",
		},
		notes: []string{
			"Rate the person's own functioning; the home and the chances for activity are rated at items 11 and 12.",
			"In hospital, use what you see on the ward together with what is known of the rest of the period.",
		},
	},
	{ // 11
		covers: "Whether the person's home and household meet basic needs, keep them safe, and help rather than hinder them to live as independently as they can.",
		levels: [5]string{
			"Home is adequate and supports independence.",
			"A reasonable home with minor drawbacks.",
			"Basic needs met, but something important is missing, such as safety or support this person needs.",
			"Several real problems, such as missing basic amenities or a setting that holds the person back.",
			"Home is unacceptable or absent: homeless, unsafe or without basic necessities.",
		},
		notes: []string{
			"Rate the setting, not the person's skills (item 10).",
			"For someone in hospital, follow your service's rule on which setting to rate and apply it the same way every time.",
		},
	},
	{ // 12
		covers: "Whether suitable daytime activity is available and reachable: work, study, leisure, company, and the help needed to take part.",
		levels: [5]string{
			"A good range of activity that suits the person.",
			"Minor shortfalls, such as activity that is available but hard to reach.",
			"Limited choice or support; little meaningful to do for part of the time.",
			"A marked lack of suitable activity or of the help needed to use it.",
			"No worthwhile activity available, and the lack makes the person's problems worse.",
		},
		notes: []string{
			"Rate the opportunities around the person, not their ability to use them (item 10).",
		},
	},
}

// honos65Text is the help for HoNOS 65+ items 1–12: the same twelve scales
// as HoNOS (Burns et al. 1999), with wording and reminders suited to older
// adults.
var honos65Text = func() []itemText {
	t := make([]itemText, len(honosText))
	copy(t, honosText)
	t[0].covers = "Behaviour that disturbs, threatens or distresses others, including agitation, wandering with risk, resisting care, shouting or night-time disturbance, whatever the cause."
	t[0].notes = []string{
		"Rate behaviour that comes from dementia or delirium here as well as behaviour from other causes.",
		"Self-harm belongs to item 2, not here.",
	}
	t[2].covers = "Harmful use of alcohol, drugs or medicines, including misuse of prescribed or bought medicines such as sleeping tablets or painkillers."
	t[3].notes = []string{
		"Rate memory, orientation and understanding whatever the cause, including delirium.",
		"Its effect on self-care and household tasks is rated at item 10.",
	}
	t[4].notes = []string{
		"Include falls, pain, poor sight or hearing, incontinence and side effects of medication.",
		"Rate how much the problem limits the person, not the diagnosis alone.",
	}
	t[6].covers = "Low mood and the thinking that goes with it, including hopelessness, guilt, loss of interest and withdrawal, which in later life may show mainly as slowing or physical complaints."
	t[8].covers = "Difficulty with social and supportive relationships: isolation, loneliness, conflict, loss of a partner's support, or relationships that harm rather than help."
	t[9].notes = []string{
		"Rate the person's own functioning, whatever the cause; the care and help provided are not subtracted.",
		"The home and the chances for activity are rated at items 11 and 12.",
	}
	t[11].covers = "Whether suitable daytime and leisure activity is available and reachable, with the help the person needs to take part, including in a care home."
	return t
}()

// honoscaText is the help for HoNOSCA items 1–15 (children and adolescents;
// Gowers et al. 1999). Items 14 and 15 are information items outside the total.
var honoscaText = []itemText{
	{ // 1
		covers: "Aggression, destructiveness, defiance, lying, stealing and other antisocial or disruptive behaviour, whatever the cause.",
		levels: [5]string{
			"No disruptive behaviour.",
			"Occasional temper outbursts, quarrels or minor rule-breaking.",
			"Definite problems, such as repeated defiance, swearing at adults or minor damage.",
			"Moderately severe problems, such as fights, repeated theft or marked destruction.",
			"Severe problems, such as serious assaults, fire-setting or cruelty.",
		},
		notes: []string{
			"Overactivity belongs to item 2, self-harm to item 3 and substance misuse to item 4.",
		},
	},
	{ // 2
		covers: "Restlessness, fidgeting, impulsiveness and difficulty keeping attention, from any cause.",
		levels: [5]string{
			"No problem with activity or attention.",
			"Slight restlessness or inattention.",
			"Definite overactivity or inattention that can usually be managed.",
			"Marked problems that disrupt most activities.",
			"Severe overactivity or inattention in almost every activity.",
		},
		notes: []string{
			"Judge against what is usual for the young person's age.",
		},
	},
	{ // 3
		covers: "Deliberate self-harm, suicidal thinking and suicidal acts during the period.",
		levels: [5]string{
			"No self-harm or thoughts of it.",
			"Fleeting thoughts of self-harm or death, with no act.",
			"Minor self-injury, such as superficial scratching, with no risk to life.",
			"Self-injury needing treatment, or a suicidal act or plan with clear intent.",
			"A serious suicide attempt or dangerous self-injury.",
		},
		notes: []string{
			"Accidental injury is not rated here; the physical results of self-harm go to item 6.",
		},
	},
	{ // 4
		covers: "Harmful use of alcohol, drugs or solvents, judged against the young person's age.",
		levels: [5]string{
			"No substance use problem.",
			"Occasional use without harm.",
			"Regular use, or use causing mild but definite problems.",
			"Heavy or dependent use that affects school, family or safety.",
			"Use that incapacitates the young person or dominates their life.",
		},
		notes: []string{
			"Behaviour while intoxicated is rated at item 1 as well.",
		},
	},
	{ // 5
		covers: "Reading, writing, number work, speech and language, compared with what is expected for the young person's age.",
		levels: [5]string{
			"Skills in line with age.",
			"Slightly behind in one area.",
			"Definitely behind in one or more areas, needing extra help.",
			"Well behind, so that most learning is affected.",
			"Severe difficulty in most areas, such as barely reading or communicating.",
		},
		notes: []string{
			"Rate skills, not attendance (item 13).",
		},
	},
	{ // 6
		covers: "How far physical illness, disability, injury, sensory loss or side effects of treatment limit the young person's activity.",
		levels: [5]string{
			"No physical problem limiting activity.",
			"A minor health problem with no lasting effect.",
			"A physical problem that puts mild but definite limits on activity.",
			"Moderate limitation of everyday activity.",
			"Severe limitation, such as being unable to take part in most activities.",
		},
		notes: []string{
			"Include the physical results of self-harm or substance misuse.",
		},
	},
	{ // 7
		covers: "Hallucinations, delusions and other abnormal beliefs or perceptions, whatever the diagnosis.",
		levels: [5]string{
			"No hallucinations or delusions.",
			"Odd beliefs or experiences of doubtful significance.",
			"Definite abnormal beliefs or perceptions with little distress or effect on behaviour.",
			"Marked preoccupation or distress, or behaviour clearly shaped by the experiences.",
			"Experiences that dominate the young person's life.",
		},
		notes: []string{
			"Ordinary imaginative play and fantasy are not rated here.",
		},
	},
	{ // 8
		covers: "Physical complaints without an adequate physical cause, such as pains, headaches, fatigue or non-epileptic attacks, and bodily problems such as wetting, soiling or disturbed sleep.",
		levels: [5]string{
			"No such symptoms.",
			"Minor complaints only.",
			"Definite symptoms that cause some distress or limit some activity.",
			"Marked symptoms that disrupt daily life most days.",
			"Severe symptoms that dominate most activities.",
		},
		notes: []string{
			"Symptoms with a physical cause are rated at item 6.",
		},
	},
	{ // 9
		covers: "Low mood, anxiety, worry, fears, obsessions and compulsions, and other emotional problems.",
		levels: [5]string{
			"No emotional problem.",
			"Minor worries or low moods only.",
			"Definite emotional symptoms causing some distress.",
			"Marked symptoms that affect most activities.",
			"Severe symptoms that dominate the young person's life.",
		},
		notes: []string{
			"Suicidal thinking and self-harm are rated at item 3.",
		},
	},
	{ // 10
		covers: "Relationships with other children and young people: making and keeping friends, isolation, and bullying as victim or bully.",
		levels: [5]string{
			"Good friendships.",
			"Minor problems, such as few close friends.",
			"Definite problems, such as being left out or occasional bullying.",
			"Marked isolation or persistent bullying.",
			"No friends at all, or severe and damaging peer relationships.",
		},
	},
	{ // 11
		covers: "Personal care and independence expected for the young person's age: washing, dressing, eating, getting about and managing money.",
		levels: [5]string{
			"As independent as expected for age.",
			"Minor problems, such as being slow or untidy.",
			"Definite problems in one area of self-care or independence.",
			"Marked problems in several areas, needing a lot of help.",
			"Severe disability in most areas of self-care.",
		},
		notes: []string{
			"Rate what is expected for age; do not rate normal dependence of a young child.",
		},
	},
	{ // 12
		covers: "Relationships within the family or substitute family: conflict, rejection, hostility, neglect, over-involvement or scapegoating.",
		levels: [5]string{
			"Family relationships are supportive.",
			"Minor tensions only.",
			"Definite conflict or strain that causes some distress.",
			"Marked conflict, rejection or neglect.",
			"Severe problems, such as abuse or a family breaking down.",
		},
	},
	{ // 13
		covers: "Missing school or college, whatever the reason: refusal, truancy, exclusion or other absence.",
		levels: [5]string{
			"Attends regularly.",
			"Occasional missed lessons or days.",
			"A definite pattern of missed days.",
			"Absent for much of the period.",
			"Not attending at all.",
		},
		notes: []string{
			"During school holidays, follow your service's rule for which weeks to rate and apply it the same way every time.",
		},
	},
	{ // 14
		covers: "How little the young person and their carers understand the difficulties that brought them to the service.",
		levels: [5]string{
			"Good understanding.",
			"Minor gaps in understanding.",
			"Definite gaps that matter for the care plan.",
			"Little understanding of the difficulties.",
			"No understanding, or serious misunderstanding.",
		},
		notes: []string{
			"An information item: recorded but not counted in the total.",
		},
	},
	{ // 15
		covers: "How little information the young person and their carers have about services and about the plan for care.",
		levels: [5]string{
			"Well informed.",
			"Minor gaps in information.",
			"Definite gaps that matter for the care plan.",
			"Little information about services or the plan.",
			"No information at all.",
		},
		notes: []string{
			"An information item: recorded but not counted in the total.",
		},
	},
}
