"""Precision on realistic sentences: what a careful editor flags, and only that.

Every sentence here was written for this test (news, UN summary records, NGO reports,
statutes, quotations, headlines); none is taken from the labelled corpus, so these tests
check that the rules and nuance cues generalise rather than remember. Each case lists what
must be reported at warning level or above, as (match, level); everything else in the
sentence must stay below warning (quotations are downgraded to suggestions, mentions,
negations, names and other senses are not reported at all).

The second half checks the scorer of bench/eval.py, which turns these behaviours into the
figures reported in the README.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

from termlint.findings import Level
from termlint.matcher import QUOTED_NOTE

ROOT = Path(__file__).resolve().parent.parent

CASES = [
    # mention
    (
        'mention',
        'The Committee recommended that the State party stop using the term “illegal migrants” in '
        'its legislation.',
        [],
    ),
    (
        'mention',
        'The rapporteur objected to the expression "illegal immigrant", which appears twice in the '
        'report.',
        [],
    ),
    ('mention', "Le Monde's English edition avoided the phrase «illegal migrants» throughout.", []),
    ('mention', 'The German translation renders „illegal immigrant“ with a neutral word.', []),
    ('mention', 'The glossary lists ‹illegal alien› as an obsolete term.', []),
    ('mention', 'The Japanese brief glosses 「illegal immigrant」 as a discriminatory label.', []),
    ('mention', 'Delegates debated whether the word ‘illegals’ should appear in the minutes.', []),
    ('mention', 'Words such as “illegal”, “alien” and “clandestine” stigmatise migrants, the NGO said.', []),
    (
        'mention',
        'Labels such as illegal immigrant or illegal alien dehumanise people, the guide explains.',
        [],
    ),
    ('mention', 'The newspaper said it would no longer use "illegal immigrant" to describe people.', []),
    (
        'mention',
        'Reporters were told to avoid "illegal alien" and to write "undocumented immigrant" '
        'instead.',
        [],
    ),
    ('mention', 'PACE prefers “irregular migrant” to “illegal migrant”.', []),
    ('mention', 'The style guide replaced "illegal immigrant" with "undocumented immigrant" in 2013.', []),
    ('mention', 'Calling people "illegal immigrants" criminalises them, the Special Rapporteur warned.', []),
    ('mention', '"Illegal immigrant" is a term that many newsrooms have dropped.', []),
    ('mention', '“Illegal alien” remains the term used in the statute, the judge noted.', []),
    ('mention', 'The so-called "illegal immigrants" turned out to be recognised refugees.', []),
    ('mention', 'The campaign asks the media to drop the i-word, “illegal”, from their coverage.', []),
    ('mention', 'The expert asked why the report referred to migrants as “illegal” in three places.', []),
    ('mention', 'In the draft, migrants are still described as illegal immigrants in paragraph 12.', []),
    ('mention', 'She regretted that talk shows kept portraying asylum seekers as illegals.', []),
    ('mention', 'Migrants were depicted as illegal aliens in the campaign posters, the report found.', []),
    ('use', 'The artist painted illegal immigrants crossing the desert at night.', [('illegal immigrants', 'error')]),
    ('use', 'The columnist wrote that the island was flooded with illegal migrants.',
     [('flooded with illegal migrants', 'warning'), ('illegal migrants', 'error')]),
    ('mention', 'The phrase illegal immigrant, she argued, should be retired.', []),
    ('mention', 'Terms like illegal immigrant and illegal alien have no place in a court judgment.', []),
    ('mention', 'The Ministry said it had stopped using the term illegal migrants in 2019.', []),
    ('mention', 'He urged colleagues to refrain from referring to them as illegals.', []),
    (
        'mention',
        "The NGO's guide lists 'illegal immigrant', 'illegal alien' and 'illegals' among the terms "
        'to avoid.',
        [],
    ),
    ('mention', 'Over the years the label "illegal alien" has become a stigma.', []),
    ('mention', 'Is "illegal immigrant" ever acceptable? Most style guides say no.', []),
    # negation
    ('negation', 'No human being is illegal, the banner at the rally read.', []),
    ('negation', 'Nobody is illegal: that was the message of the march.', []),
    ('negation', 'Human beings are never illegal, whatever their status.', []),
    ('negation', 'Migrants are not illegal; their entry may be irregular.', []),
    ('negation', 'A person can never be illegal, the High Commissioner said.', []),
    ('negation', 'People cannot be illegal, only their acts can be.', []),
    ('negation', 'Migration is not an illegal act, the expert stressed.', []),
    ('negation', 'Seeking asylum is not illegal under international law.', []),
    ('negation', 'No migrant is illegal, the bishop told the congregation.', []),
    ('negation', 'The chaplain insisted there was no such thing as an illegal immigrant.', []),
    ('negation', 'These children are not illegal immigrants; they are refugees.', []),
    ('negation', 'Migrants are neither illegal nor criminals.', []),
    ('negation', 'No one should ever be called illegal.', []),
    ('negation', 'It is wrong to call any human being illegal.', []),
    ('negation', 'The Committee stressed that no person should be labelled an illegal migrant.', []),
    ('negation', 'Being undocumented does not make a person illegal.', []),
    ('negation', 'Refugees who cross a border to seek safety are not illegal entrants under Article 31.', []),
    ('negation', 'The Court held that irregular entry is not a crime and that migrants are not illegal.', []),
    ('negation', 'Human beings were not illegal, they were always legal, the Chair concluded.', []),
    ('negation', 'No one is illegal on stolen land, the placard said.', []),
    # negation-scope
    (
        'negation-scope',
        'The mayor did not hesitate to blame illegal immigrants for the crime wave.',
        [('illegal immigrants', 'error')],
    ),
    (
        'negation-scope',
        'Police had not arrested so many illegal migrants in a decade.',
        [('illegal migrants', 'error')],
    ),
    (
        'negation-scope',
        'It is not surprising that illegal aliens avoid hospitals, the senator said.',
        [('illegal aliens', 'error')],
    ),
    (
        'negation-scope',
        'The minister said there was no doubt that illegal migration was rising.',
        [('illegal migration', 'warning')],
    ),
    (
        'negation-scope',
        'Nobody knows how many illegal migrants live in the city.',
        [('illegal migrants', 'error')],
    ),
    (
        'negation-scope',
        'There were no illegal border crossings last week, officials said, but migrants were seen.',
        [('illegal border crossings', 'warning')],
    ),
    ('negation-scope', 'He is not an illegal immigrant, his lawyer said; he is an asylum seeker.', []),
    (
        'negation-scope',
        'No person should ever be called an illegal immigrant, the Special Rapporteur said.',
        [],
    ),
    ('negation-scope', 'Nobody should be treated as an illegal alien for seeking safety.', []),
    ('negation-scope', 'Irregular entry is not per se illegal entry under the Protocol.', []),
    # quotation
    (
        'quotation',
        '"We will deport every illegal immigrant in this state," the governor told supporters.',
        [],
    ),
    ('quotation', 'The senator said: “Illegal aliens are taking our jobs and we must stop them.”', []),
    ('quotation', '“These illegal migrants have no right to be here,” a resident told the newspaper.', []),
    (
        'quotation',
        'According to the minister, “illegal migration is out of control and the borders must be '
        'closed.”',
        [],
    ),
    ('quotation', '«Illegal immigrants will be sent home», the party leader declared on Monday.', []),
    ('quotation', '„We cannot accept illegal migrants“, the interior minister said.', []),
    (
        'quotation',
        'A spokesman said the force had “arrested 14 illegal immigrants at the port overnight”.',
        [],
    ),
    ('quotation', "'The illegals come across at night,' one rancher said.", []),
    ('quotation', 'He wrote on social media: "Stop the invasion of illegal aliens now!"', []),
    ('quotation', 'The tweet read: “Illegal immigrants are flooding our towns.”', []),
    # quotation-unclosed
    (
        'quotation-unclosed',
        'The minister told parliament: "Illegal migration costs the taxpayer billions. We will '
        'stop illegal immigrants reaching our shores.',
        [],
    ),
    (
        'quotation-unclosed',
        '“We are seeing an invasion of illegal migrants at the southern border. Our agents are '
        'overwhelmed.\n\nThe hearing continued in the afternoon.',
        [],
    ),
    # quotation-paragraphs
    (
        'quotation-paragraphs',
        'The governor continued: “Our state will not be a sanctuary for illegal aliens.\n\n“Every '
        'illegal immigrant who commits a crime will be deported,” he said.',
        [],
    ),
    # own-voice
    (
        'own-voice',
        'Illegal immigrants, the governor said, “should go home”.',
        [('Illegal immigrants', 'error')],
    ),
    (
        'own-voice',
        'The governor, who has often spoken of illegal aliens, said: "We need order."',
        [('illegal aliens', 'error')],
    ),
    (
        'own-voice',
        '"We need order," said the governor. Police then arrested 12 illegal immigrants.',
        [('illegal immigrants', 'error')],
    ),
    (
        'own-voice',
        '"We need order."\n\nThe police then arrested 12 illegal migrants.',
        [('illegal migrants', 'error')],
    ),
    # reported-speech
    (
        'reported-speech',
        'The minister said that illegal migrants would be deported within a week.',
        [('illegal migrants', 'error')],
    ),
    (
        'reported-speech',
        'The delegation stated that illegal migration had fallen by a third.',
        [('illegal migration', 'warning')],
    ),
    # name-citation
    (
        'name-citation',
        'The Illegal Immigration Reform and Immigrant Responsibility Act of 1996 expanded '
        'expedited removal.',
        [],
    ),
    ('name-citation', 'Parliament passed the Illegal Migration Act 2023 after months of debate.', []),
    ('name-citation', 'Retired judges wrote that the Illegal Migration Bill, as drafted, was unworkable.', []),
    ('name-citation', 'UK PASSES ILLEGAL MIGRATION ACT DESPITE UN WARNINGS', []),
    ('name-citation', 'Lords Vote Through Illegal Migration Bill After Marathon Session', []),
    ('name-citation', 'Court Rules Parts of Illegal Migration Act Unlawful', []),
    (
        'name-citation',
        'Under 8 U.S.C. § 1325, an alien who enters at a time or place other than as designated '
        'commits an offence.',
        [],
    ),
    (
        'name-citation',
        'Section 1101(a)(3) of Title 8 defines the term "alien" as any person not a citizen or '
        'national of the United States.',
        [],
    ),
    (
        'name-citation',
        'Article 3(b) of the Protocol defines "illegal entry" as crossing borders without '
        'complying with the necessary requirements for legal entry into the receiving State.',
        [],
    ),
    (
        'name-citation',
        'Article 31 of the 1951 Convention prohibits penalties on account of "illegal entry or '
        'presence" for refugees coming directly from a territory where their life was threatened.',
        [],
    ),
    (
        'name-citation',
        'The Return Directive applies to “illegally staying third-country nationals” as defined in '
        'Article 3(2).',
        [],
    ),
    ('name-citation', 'The case was heard under the Alien Enemies Act of 1798.', []),
    (
        'name-citation',
        'The report was published by the Illegal Immigration Enforcement Unit of the ministry.',
        [],
    ),
    ('name-citation', 'Volunteers from No One Is Illegal met the families at the station.', []),
    ('name-citation', 'The No Human Being Is Illegal campaign held a vigil outside the centre.', []),
    (
        'name-citation',
        "The European Commission's communication on the fight against illegal immigration, "
        'COM(2006) 402, set five priorities.',
        [],
    ),
    (
        'name-citation',
        'Council Directive 2002/90/EC defines the facilitation of unauthorised entry; the related '
        'framework decision speaks of illegal immigration.',
        [],
    ),
    (
        'name-citation',
        'The Immigration and Nationality Act, INA § 212(a)(6)(A)(i), makes an alien present '
        'without admission inadmissible.',
        [],
    ),
    (
        'name-citation',
        "The Department of Homeland Security's Office of Immigration Statistics publishes "
        'estimates of the unauthorized population.',
        [],
    ),
    (
        'name-citation',
        'See Plyler v. Doe, 457 U.S. 202 (1982), on the education of undocumented children.',
        [],
    ),
    # remark-on-statute
    (
        'remark-on-statute',
        'The Illegal Migration Act targets illegal migrants who arrive by small boat.',
        [('illegal migrants', 'error')],
    ),
    (
        'remark-on-statute',
        'Since the Act came into force, illegal immigrants have been detained on arrival.',
        [('illegal immigrants', 'error')],
    ),
    (
        'remark-on-statute',
        'The Government says the Illegal Migration Act will stop illegal migration for good.',
        [('illegal migration', 'warning')],
    ),
    # person-act-sense
    (
        'person-act-sense',
        'Border agents detained 40 illegal immigrants near the river on Tuesday.',
        [('illegal immigrants', 'error')],
    ),
    (
        'person-act-sense',
        'The factory relied on illegal migrant workers from the region.',
        [('illegal migrant workers', 'error')],
    ),
    (
        'person-act-sense',
        'The radio host claimed that illegals were voting in the election.',
        [('illegals', 'error')],
    ),
    (
        'person-act-sense',
        'The sheriff said the illegal alien had been released from jail, and deportation was '
        'pending.',
        [('illegal alien', 'error')],
    ),
    (
        'person-act-sense',
        'An illegal immigrant was found hiding in a refrigerated lorry.',
        [('illegal immigrant', 'error')],
    ),
    (
        'person-act-sense',
        'Officials estimated that 200 illegal Syrians lived in the border town.',
        [('illegal Syrians', 'error')],
    ),
    (
        'person-act-sense',
        'The man was charged with illegal entry after crossing the border near Tijuana.',
        [('illegal entry', 'warning')],
    ),
    (
        'person-act-sense',
        'Illegal border crossings fell by half, the border agency reported.',
        [('Illegal border crossings', 'warning')],
    ),
    (
        'person-act-sense',
        'Fines for illegal stay were doubled for foreigners last year.',
        [('illegal stay', 'warning')],
    ),
    (
        'person-act-sense',
        'The summit agreed a plan to curb illegal migration across the Mediterranean.',
        [('illegal migration', 'warning')],
    ),
    ('person-act-sense', 'Illegal immigration dominated the campaign.', [('Illegal immigration', 'warning')]),
    (
        'person-act-sense',
        'Inspectors found widespread illegal employment of migrants in the restaurants.',
        [('illegal employment of migrants', 'warning')],
    ),
    (
        'person-act-sense',
        'Many people die crossing the border illegally through the desert.',
        [('crossing the border illegally', 'warning')],
    ),
    (
        'person-act-sense',
        'The family entered the country illegally in 2015.',
        [('entered the country illegally', 'warning')],
    ),
    ('person-act-sense', 'Police seized illegal drugs and illegal weapons at the port.', []),
    ('person-act-sense', 'The NGO campaigns against illegal logging and illegal fishing in the region.', []),
    ('person-act-sense', 'Illegal parking near the border post will be fined.', []),
    ('person-act-sense', 'Illegal dumping of waste along the river harms wildlife.', []),
    ('person-act-sense', 'The union called the strike illegal and the court agreed.', []),
    ('person-act-sense', 'The move was illegal under chess rules.', []),
    ('person-act-sense', 'It is illegal to sell alcohol to minors in the state.', []),
    ('person-act-sense', 'An illegal entry into the warehouse was recorded by the cameras.', []),
    ('person-act-sense', 'The court found the detention of the migrants illegal.', []),
    (
        'person-act-sense',
        'The expulsion of the refugees was illegal under international law, the court held.',
        [],
    ),
    ('person-act-sense', 'Invasive alien species threaten native birds on the islands.', []),
    ('person-act-sense', 'The idea was alien to the members of the committee.', []),
    ('person-act-sense', 'Illegal wildlife trade and illegal mining were also discussed.', []),
    ('person-act-sense', "The government's pushbacks of asylum seekers were illegal, the NGO said.", []),
    (
        'person-act-sense',
        'Illegal, unreported and unregulated fishing depletes the stocks that coastal migrants '
        'rely on.',
        [],
    ),
    # self-designation
    ('self-designation', 'Undocumented and unafraid, the students marched to the capitol.', []),
    ('self-designation', 'The sans-papiers occupied the church for three months in 1996.', []),
    ('self-designation', 'Members of the harraga community described the crossing from Oran.', []),
    ('self-designation', 'The collective of sin papeles organised a protest in Madrid.', []),
    ('self-designation', 'Activists of Kein Mensch ist illegal ran a network of safe houses.', []),
    ('self-designation', 'The Coordination nationale des sans-papiers called for regularisation.', []),
    ('self-designation', 'Undocumented migrants organised under the banner "Nobody is illegal".', []),
    # headline
    ('headline', 'Illegal Immigrants Found In Lorry At Port', [('Illegal Immigrants', 'error')]),
    ('headline', 'Government Vows To Crack Down On Illegal Migration', [('Illegal Migration', 'warning')]),
    ('headline', 'ILLEGAL ALIENS ARRESTED IN RAID ON FARM', [('ILLEGAL ALIENS', 'error')]),
    ('headline', 'Refugee Council Criticises Illegal Migration Act', []),
    # own-voice
    (
        'own-voice',
        'The report, which cites Article 12, says illegal immigrants were held for weeks.',
        [('illegal immigrants', 'error')],
    ),
    (
        'own-voice',
        'The so-called experts said illegal migrants were to blame.',
        [('illegal migrants', 'error')],
    ),
    (
        'own-voice',
        'Rather than help, the government deported illegal immigrants.',
        [('illegal immigrants', 'error')],
    ),
    (
        'own-voice',
        'Instead, the police rounded up illegal immigrants at dawn.',
        [('illegal immigrants', 'error')],
    ),
    (
        'own-voice',
        'The word of the day was hope, but the speech still attacked illegal aliens.',
        [('illegal aliens', 'error')],
    ),
    # apostrophe
    (
        'apostrophe',
        'In the ’90s, illegal immigrants were rarely detained.',
        [('illegal immigrants', 'error')],
    ),
    (
        'apostrophe',
        "In the '90s, illegal immigrants were rarely detained.",
        [('illegal immigrants', 'error')],
    ),
    (
        'apostrophe',
        "The migrants' lawyers said illegal immigrants were held without charge.",
        [('illegal immigrants', 'error')],
    ),
    (
        'apostrophe',
        "Rock 'n' roll fans and illegal immigrants mingled at the border festival.",
        [('illegal immigrants', 'error')],
    ),
    (
        'apostrophe',
        'The 12" pipe was found near the border where illegal aliens crossed.',
        [('illegal aliens', 'error')],
    ),
    (
        'apostrophe',
        'Officials said the ‘hotspot’ approach had failed, and illegal migrants kept arriving.',
        [('illegal migrants', 'error')],
    ),
    (
        'apostrophe',
        "The so-called 'hotspot' approach failed: illegal migrants kept arriving at the border.",
        [('illegal migrants', 'error')],
    ),
    (
        'apostrophe',
        "O'Brien's report on the border blamed illegal immigrants.",
        [('illegal immigrants', 'error')],
    ),
    (
        'apostrophe',
        'The governor said "no" twice, then blamed illegal immigrants for the deficit.',
        [('illegal immigrants', 'error')],
    ),
    (
        'apostrophe',
        'He said ‘no’ and left; the ministry later counted 300 illegal immigrants.',
        [('illegal immigrants', 'error')],
    ),
    (
        'apostrophe',
        'The report (see “Annex 3”) lists illegal immigrants by nationality.',
        [('illegal immigrants', 'error')],
    ),
    # un-record
    (
        'un-record',
        'Mr. Ruiz said that his Government had ceased to use the expression "illegal migrants" in '
        'official communications.',
        [],
    ),
    (
        'un-record',
        'The representative of the State party explained that the term "illegal" had been removed '
        'from the Code in 2018.',
        [],
    ),
    (
        'un-record',
        'She asked whether the State party intended to amend the legislation so that migrants were '
        'no longer described as illegal.',
        [],
    ),
    (
        'un-record',
        'The delegation said that the fight against illegal migration remained a priority for the '
        'Government.',
        [('illegal migration', 'warning')],
    ),
    (
        'un-record',
        'According to the delegation, 3,000 illegal migrants had been returned to their countries '
        'of origin in 2020.',
        [('illegal migrants', 'error')],
    ),
    (
        'un-record',
        "The Committee is concerned that the State party's legislation refers to migrants in an "
        'irregular situation as "illegal".',
        [],
    ),
    (
        'un-record',
        'The Committee recommends that the State party refrain from using the term "illegal '
        'migrant" and use "migrant in an irregular situation" instead.',
        [],
    ),
    (
        'un-record',
        'He recalled that under article 5 of the Convention, migrant workers were considered '
        'non-documented or in an irregular situation if they did not comply with the conditions.',
        [],
    ),
    # ngo-report
    (
        'ngo-report',
        'Throughout this report we avoid the labels "illegal" and "alien", which dehumanise the '
        'people we work with.',
        [],
    ),
    (
        'ngo-report',
        'Terms such as illegal immigrant, illegal alien and illegals are used in 42% of the '
        'articles we reviewed.',
        [],
    ),
    (
        'ngo-report',
        'In 2021, authorities arrested 5,400 illegal immigrants, many of them children, according '
        'to our data.',
        [('illegal immigrants', 'error')],
    ),
    (
        'ngo-report',
        'Our research shows that the media\'s use of "swarm", "flood" and "invasion" increased '
        'sharply in 2015.',
        [],
    ),
    (
        'ngo-report',
        'In the tabloid coverage, words like flood, wave and swarm were applied to people fleeing '
        'war.',
        [],
    ),
    # statute
    (
        'statute',
        '(a) Any alien who (1) enters or attempts to enter the United States at any time or place '
        'other than as designated by immigration officers shall be fined under title 18.',
        [],
    ),
    (
        'statute',
        'Section 3 of the Illegal Migration Act 2023 imposes a duty on the Secretary of State to '
        'make arrangements for removal.',
        [],
    ),
    (
        'statute',
        'The Protocol shall apply to the prevention, investigation and prosecution of the offences '
        'established in accordance with article 6, where the offences are transnational in nature.',
        [],
    ),
    (
        'statute',
        'Under 8 U.S.C. § 1365, the Attorney General may reimburse a State for the costs of '
        'incarcerating illegal aliens.',
        [],
    ),
    (
        'cue-scope',
        'The sheriff said the county jail held 40 illegal aliens last month.',
        [('illegal aliens', 'error')],
    ),
    # quotation
    (
        'quotation',
        '"They are illegals and they will be removed," the minister told reporters on Thursday.',
        [],
    ),
    (
        'quotation',
        '"We have seen a flood of migrants this summer," said the mayor, who faces re-election.',
        [],
    ),
    ('quotation', '‘This is an invasion,’ one resident said, pointing at the tents.', []),
    ('quotation', '“The illegal immigrants must leave,” read one placard carried by protesters.', []),
    # headline-quote
    ('headline-quote', 'Minister: ‘Illegal immigrants will be deported within days’', []),
    ('headline-quote', '‘Swarms’ of migrants: PM under fire over language', []),
    ('headline-quote', '"Invasion" rhetoric condemned by UN experts', []),
    # own-voice
    (
        'own-voice',
        'Campaigners say the "hostile environment" policy targets illegal immigrants and legal '
        'residents alike.',
        [('illegal immigrants', 'error')],
    ),
    (
        'own-voice',
        'The minister, quoted as saying "we will fix this", promised to end illegal immigration by '
        '2030.',
        [('illegal immigration', 'warning')],
    ),
    # cue-scope
    (
        'cue-scope',
        'The programme aims to avoid illegal migration by opening legal routes.',
        [('illegal migration', 'warning')],
    ),
    (
        'cue-scope',
        'Rather than illegal migration, the report focuses on labour mobility schemes that failed.',
        [('illegal migration', 'warning')],
    ),
    (
        'cue-scope',
        'The new term of the mayor began with raids on illegal immigrants.',
        [('illegal immigrants', 'error')],
    ),
    (
        'cue-scope',
        'The words of the president were clear: illegal immigrants will be removed.',
        [('illegal immigrants', 'error')],
    ),
    (
        'cue-scope',
        'The government will replace illegal migration with safe and legal routes, the minister '
        'said.',
        [('illegal migration', 'warning')],
    ),
    (
        'cue-scope',
        'Employers who hire illegal immigrants face fines, the term sheet says.',
        [('illegal immigrants', 'error')],
    ),
    (
        'cue-scope',
        'Known for his tough line, the sheriff rounded up illegal aliens.',
        [('illegal aliens', 'error')],
    ),
    (
        'cue-scope',
        'He never used a translator when questioning illegal immigrants.',
        [('illegal immigrants', 'error')],
    ),
    (
        'cue-scope',
        'The minister, who is not a lawyer, said illegal migrants would be expelled.',
        [('illegal migrants', 'error')],
    ),
    (
        'cue-scope',
        'These were not tourists: they were illegal immigrants, the officer said.',
        [('illegal immigrants', 'error')],
    ),
    (
        'cue-scope',
        'No, these illegal immigrants will not be allowed to stay.',
        [('illegal immigrants', 'error')],
    ),
    (
        'cue-scope',
        'The police, not the army, will deal with illegal migrants.',
        [('illegal migrants', 'error')],
    ),
    (
        'cue-scope',
        'It is not clear how many illegal immigrants live in the city.',
        [('illegal immigrants', 'error')],
    ),
    (
        'cue-scope',
        'Illegal immigration is not a new problem, the senator said.',
        [('Illegal immigration', 'warning')],
    ),
    (
        'cue-scope',
        'There are no reliable figures on illegal immigrants in the region.',
        [('illegal immigrants', 'error')],
    ),
    (
        'cue-scope',
        'Labels aside, the county jailed 40 illegal aliens last year.',
        [('illegal aliens', 'error')],
    ),
    (
        'cue-scope',
        'The phrase on everyone\'s lips was "border crisis", and illegal immigrants were blamed.',
        [('illegal immigrants', 'error')],
    ),
    (
        'cue-scope',
        'So called to the scene, the officers detained the illegal immigrants.',
        [('illegal immigrants', 'error')],
    ),
    (
        'cue-scope',
        'The Ministry labelled the camp a security risk and arrested every illegal migrant in it.',
        [('illegal migrant', 'error')],
    ),
    (
        'cue-scope',
        'The so-called reform, critics say, will criminalise illegal immigrants further.',
        [('illegal immigrants', 'error')],
    ),
    (
        'cue-scope',
        'Illegal border crossings, which the agency calls "irregular", rose again.',
        [('Illegal border crossings', 'warning')],
    ),
    # quotation-paragraphs
    (
        'quotation-paragraphs',
        'The governor continued: “Our state will not be a sanctuary for illegal aliens.\n\nEvery '
        'illegal immigrant who commits a crime will be deported,” he said.',
        [],
    ),
    (
        'quotation-paragraphs',
        'The governor continued: “Our state will not be a sanctuary.\n\nWe will act,” he said. '
        'Police later detained 30 illegal immigrants.',
        [('illegal immigrants', 'error')],
    ),
    (
        'quotation-paragraphs',
        'The governor continued: "Our state will not be a sanctuary for illegal aliens.\n\nEvery '
        'illegal immigrant who commits a crime will be deported," he said.',
        [],
    ),
    (
        'quotation-paragraphs',
        'The governor continued: "Our state will not be a sanctuary.\n\nWe will act," he said. '
        'Police later detained 30 illegal immigrants.',
        [('illegal immigrants', 'error')],
    ),
    (
        'quotation-paragraphs',
        'The sign said STOP.\n\nEvery illegal immigrant," he said, "is a criminal". Police '
        'detained illegal immigrants.',
        [('illegal immigrant', 'error'), ('illegal immigrants', 'error')],
    ),
    # quotation-marks
    ('quotation-marks', 'The French daily wrote of « illegal migrants » in its headline.', []),
    ('quotation-marks', 'The German paper called them „illegal immigrants“ in a headline.', []),
    ('quotation-marks', 'The Danish paper called them »illegal immigrants« in a headline.', []),
    # quotation
    (
        'quotation',
        '“The minister told us, ‘illegal immigrants will be deported’, and then left,” the '
        'journalist recalled.',
        [],
    ),
    (
        'quotation',
        'One placard read “Illegal aliens go home now or face the consequences” in large red '
        'letters.',
        [],
    ),
    # None
    (
        None,
        'In other words, illegal immigrants were blamed for the shortage.',
        [('illegal immigrants', 'error')],
    ),
    (None, 'In a word, illegal immigrants became the scapegoat.', [('illegal immigrants', 'error')]),
    (None, 'The scheme regularised long-term illegal residents in 2005.', [('illegal residents', 'error')]),
    (None, 'Short-term illegal stay by foreigners was punished with a fine.', [('illegal stay', 'warning')]),
    (None, 'In terms of numbers, illegal migrants were a small group.', [('illegal migrants', 'error')]),
    (
        None,
        'Food labels, illegal immigrants and taxes dominated the debate.',
        [('illegal immigrants', 'error')],
    ),
    (
        None,
        'As the saying goes, illegal aliens are easy targets, the sheriff said.',
        [('illegal aliens', 'error')],
    ),
    (
        None,
        'The so-called experts, and illegal immigrants themselves, disagreed.',
        [('illegal immigrants', 'error')],
    ),
    (
        None,
        'Put simply, the term of the deal was clear: illegal migration must end.',
        [('illegal migration', 'warning')],
    ),
    # a word of another sense must be a word of its own, and outside the match
    (
        None,
        'Swarms of asylum seekers have been gathering near the fence, the tabloid wrote.',
        [('Swarms of asylum seekers', 'warning')],  # "been" is not "bees"
    ),
    (
        None,
        'An army of migrants was said to be waiting at the coast.',
        [('army of migrants', 'warning')],  # "army" of soldiers is not this match's own word
    ),
    (
        None,
        'The article described hordes of migrants sleeping in the orchards by the border.',
        [('hordes', 'warning')],  # "orchards" is not "orcs"
    ),
    (
        None,
        'A swarm of bees has been nesting in the roof of the refugee centre.',
        [],
    ),
    # literal water before the metaphor is a flood; after it, it is where people went
    (
        None,
        'A flood of refugees crossed the river at dawn, the minister claimed.',
        [('flood of refugees', 'warning')],
    ),
    (
        None,
        'Asylum seekers poured across the river near the old bridge.',
        [('Asylum seekers poured across', 'warning')],
    ),
    (
        None,
        'After the storm, flood waters reached the camp where the migrants slept.',
        [],
    ),
]

NOT_REPORTED = {"mention", "negation", "name-citation", "self-designation", "statute"}


def _reported(findings):
    return sorted((f.match, f.level.value) for f in findings if f.level.rank >= Level.WARNING.rank)


@pytest.mark.parametrize("behaviour, text, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_sentence(check, behaviour, text, expected):
    found = check(text)
    assert _reported(found) == sorted(expected), [(f.rule, f.match, f.level.value) for f in found]
    if behaviour in NOT_REPORTED:
        # Dropped outright, not merely downgraded.
        assert found == [], [(f.rule, f.match, f.level.value) for f in found]


QUOTED = [
    (text, ) for behaviour, text, expected in CASES
    if behaviour in ("quotation", "quotation-unclosed", "quotation-paragraphs", "headline-quote")
    and not expected
]


@pytest.mark.parametrize("text", [q[0] for q in QUOTED])
def test_quoted_words_are_suggestions_with_a_note_and_no_fix(check, text):
    found = check(text)
    assert all(f.level is Level.SUGGESTION for f in found)
    for f in found:
        if f.notes:
            assert f.notes == (QUOTED_NOTE,) and f.fix is None


def test_quotation_policies_on_one_sentence(check):
    text = "“We will deport every illegal immigrant in this state,” the governor told supporters."
    [down] = check(text)
    assert (down.level, down.fix, down.notes) == (Level.SUGGESTION, None, (QUOTED_NOTE,))
    assert check(text, quotations="ignore") == []
    [flag] = check(text, quotations="flag")
    assert flag.level is Level.ERROR and flag.fix is None and flag.notes


def test_quotation_policy_never_touches_the_writers_own_words(check):
    text = "“We need order,” the governor said, before blaming illegal immigrants."
    for policy in ("downgrade", "ignore", "flag"):
        [f] = check(text, quotations=policy)
        assert (f.match, f.level, f.notes) == ("illegal immigrants", Level.ERROR, ())
        assert f.fix is not None


def test_persons_and_acts_have_their_own_messages_and_suggestions(check):
    [person] = check("Border agents detained 40 illegal immigrants near the river.")
    [act] = check("Illegal border crossings fell by half, the border agency reported.")
    assert person.level is Level.ERROR and act.level is Level.WARNING
    assert person.rule != act.rule and person.message != act.message
    assert "irregular situation" in person.suggestions[0]
    assert act.suggestions[0].lower() == "irregular border crossings"


def test_the_seed_document_is_the_golden_case(run, monkeypatch):
    monkeypatch.chdir(ROOT)
    data = json.loads(run(["check", "--format", "json", "--fail-on", "suggestion", "seeds/"]).out)
    found = [(f["line"], f["level"]) for f in data["findings"]]
    assert found == [(26, "warning"), (56, "warning"), (74, "warning")]


# -- the scorer of bench/eval.py ------------------------------------------------------------


def _eval_module():
    spec = importlib.util.spec_from_file_location("termlint_bench_eval", ROOT / "bench" / "eval.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _record(rid, text, findings=(), mnf=()):
    def span(s, **extra):
        start = text.index(s)
        return {"span": s, "start": start, "end": start + len(s), **extra}

    return {
        "id": rid, "lang": "en", "text": text,
        "findings": [span(s, category=c, level=lv) for s, c, lv in findings],
        "must_not_flag": [span(s, reason=r) for s, r in mnf],
    }


CORPUS = [
    _record("a", "Police arrested illegal immigrants at the port.",
            [("illegal immigrants", "person-illegal", "error")]),
    _record("b", "The word “illegal” is banned; illegal drugs were seized.",
            mnf=[("illegal", "mention"), ("illegal drugs", "non-migration-sense")]),
    _record("c", "They crossed the border illegally, and illegal migration rose.",
            [("illegal migration", "illegal-migration", "warning")]),
    _record("d", "A surge in arrivals strained the camps.",
            [("surge", "dehumanising-metaphor", "suggestion")]),
    _record("e", "The hordes of people at the fence were a threat.",
            [("hordes", "dehumanising-metaphor", "warning")]),
]


def test_the_scorer_counts_overlaps_levels_and_must_not_flag_spans():
    ev = _eval_module()
    H = ev.Hit
    texts = [r["text"] for r in CORPUS]

    def hit(i, s, level="warning", category="x"):
        start = texts[i].index(s)
        return H(start, start + len(s), "rule", category, level, s)

    hits = [
        [hit(0, "illegal immigrants", "error")],  # a true positive at the right level
        [hit(1, "illegal drugs"), hit(1, "illegal", "suggestion")],  # a false alarm on a must-not-flag span;
        # a suggestion does not count
        [hit(2, "crossed the border illegally", category="illegal-act-adverb"), hit(2, "illegal migration")],
        [hit(3, "surge")],  # on a labelled suggestion: neither right nor wrong
        [],  # a miss
    ]
    result = ev.score(CORPUS, hits, {"warning", "error"})
    total = ev.total(result)
    s = ev.as_score(total)
    assert (s.tp, s.fp, s.found, s.positives) == (2, 1, 2, 3)
    assert round(s.precision, 3) == 0.667 and round(s.recall, 3) == 0.667
    assert total["mnf"] == 1 and total["mnf_total"] == 2
    assert total["act_adverb"] == 1 and total["on_suggestion"] == 1
    assert total["level_ok"] == 2
    assert [m["span"] for m in result.misses] == ["hordes"]
    assert [a["match"] for a in result.alarms] == ["illegal drugs"]
    assert result.mnf_by_reason["non-migration-sense"]["hit"] == 1
    assert result.mnf_by_reason["mention"]["hit"] == 0


def test_the_adverb_rule_is_the_same_for_every_tool():
    ev = _eval_module()
    text = "They entered illegally; the crossing was illegal; illegal drugs too."
    at = text.index("illegally")
    assert ev.act_adverb(ev.Hit(at, at + 9, "r", "alex", "warning", "illegally"), text)
    at = text.index("illegal;")
    assert ev.act_adverb(ev.Hit(at, at + 7, "r", "alex", "warning", "illegal"), text)
    at = text.index("illegal drugs")
    assert not ev.act_adverb(ev.Hit(at, at + 7, "r", "alex", "warning", "illegal"), text)


def test_eval_command_prints_json_figures(tmp_path, capsys):
    ev = _eval_module()
    corpus = tmp_path / "mini.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in CORPUS) + "\n", encoding="utf-8")
    assert ev.main([str(corpus), "--json", "--show", "all"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tool"] == "termlint"
    assert data["languages"]["en"]["positives"] == 3
    assert data["overall"]["must_not_flag_hits"] == 0
    assert data["overall"]["found"] == 3, data["misses"]
    assert data["overall"]["fp"] == 0, data["false_alarms"]
    assert set(data["categories"]) >= {"person-illegal", "illegal-migration", "dehumanising-metaphor"}


def test_eval_refuses_a_broken_corpus_with_file_and_line(tmp_path):
    ev = _eval_module()
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text(json.dumps(CORPUS[0]) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(SystemExit) as err:
        ev.main([str(corpus)])
    assert f"{corpus}:2" in str(err.value)


@pytest.mark.skipif(shutil.which("node") is None or not (ROOT / "bench" / "node_modules" / "alex").is_dir(),
                    reason="alex is not installed (npm install in bench/)")
def test_alex_runs_through_the_same_scorer(tmp_path):
    ev = _eval_module()
    records = [_record("x", "Refugees 😀 and illegal immigrants arrived.",
                       [("illegal immigrants", "person-illegal", "error")])]
    [hits] = ev.alex_hits(records, None)
    text = records[0]["text"]
    # Offsets are code points (the emoji is one character), so spans line up with Python's.
    assert {text[h.start:h.end] for h in hits} >= {"Refugees", "illegal"}
    result = ev.score(records, [hits], {"warning", "error"})
    s = ev.as_score(ev.total(result))
    assert s.found == 1 and s.fp >= 1  # alex finds "illegal" but also calls "Refugees" profane


@pytest.mark.parametrize("text, expected", [
    ("Since the invasion began, the number of refugees in Poland has tripled.", []),
    ("After the 2022 invasion, millions of refugees crossed into Moldova.", []),
    ("Families fleeing the invasion found shelter with refugees from earlier wars.", []),
    ("The far-right paper called the arrival of refugees an invasion.", [("invasion", "warning")]),
    ("After the invasion of migrants last summer, the mayor wanted a fence.",
     [("invasion of migrants", "warning")]),
])
def test_a_war_that_refugees_flee_is_not_the_invasion_metaphor(check, text, expected):
    assert _reported(check(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Living without a residence permit does not make anyone an illegal immigrant, the lawyer said.", []),
    ("Crossing without papers makes people illegal immigrants, the candidate claimed.",
     [("illegal immigrants", "error")]),
])
def test_denying_that_anyone_becomes_illegal_is_a_negation(check, text, expected):
    assert _reported(check(text)) == expected
