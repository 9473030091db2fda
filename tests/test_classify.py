"""Tests of the assistance-type classifier: hand-labelled need statements in three languages, and taxonomy checks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from pipelines.classify import REFERENCE_DIR, TYPES, classify, explain, load_taxonomy, matches

CB, LEG, IB, POL, OTH = TYPES
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Need statements as executive summaries write them, each with the exact set of types a reader would give it.
# Written in rounds, each labelled before the classifier saw it; the first-sight accuracy of the rounds was 86-98%.
CASES = [
    ("en", "Capacity-building for law enforcement on the investigation of money-laundering (art. 23)", {CB}),
    ("en", "Capacity-building for the staff of the asset declaration unit (art. 8)", {CB}),
    ("en", "Legislative assistance to criminalize illicit enrichment (art. 20)", {LEG}),
    ("en", "Summary of good practices/lessons learned (art. 9)", {OTH}),
    ("en", "Model legislation (art. 31)", {LEG}),
    ("en", "On-site assistance by an anti-corruption expert", {OTH}),
    ("en", "Development of an action plan for implementation", {POL}),
    ("en", "Legal advice; model legislation", {LEG}),
    ("en", "Training on the new law on procurement", {CB}),
    ("en", "Legislative assistance to establish a framework for non-conviction-based forfeiture (art. 54)", {LEG}),
    ("en", "Assistance in establishing an asset recovery office (art. 58)", {IB}),
    ("en", "Development of a national anti-corruption strategy (art. 5)", {POL}),
    ("en", "Capacity-building and legal advice on mutual legal assistance (art. 46)", {CB, LEG}),
    ("en", "Technical assistance to develop an electronic asset declaration system (art. 8)", {IB}),
    ("en", "Sharing of good practices on the protection of whistle-blowers (art. 33)", {OTH}),
    (
        "en",
        "Specialized training for judges, prosecutors and investigators on the detection and "
        "prosecution of corruption offences",
        {CB},
    ),
    (
        "en",
        "Capacity-building programmes for authorities responsible for international cooperation in criminal matters",
        {CB},
    ),
    ("en", "Training and legislative drafting support on the protection of reporting persons", {CB, LEG}),
    ("en", "Establishment of a specialized anti-corruption agency (art. 6)", {IB}),
    ("en", "Enhancing inter-agency coordination among law enforcement authorities (art. 38)", {IB}),
    ("en", "Technical assistance for the establishment of an electronic case management system", {IB}),
    ("en", "Awareness-raising campaigns on corruption for the general public (art. 13)", {CB}),
    ("en", "Research and data collection on the extent of corruption in the public sector", {OTH}),
    ("en", "Legislative drafting and legal advice on the liability of legal persons (art. 26)", {LEG}),
    ("en", "Assistance in the review of existing legislation on conflicts of interest (art. 7)", {LEG}),
    ("en", "Technological assistance (e.g. setting up a database) (art. 52)", {IB}),
    ("en", "Development of a code of conduct for public officials (art. 8)", {POL}),
    (
        "en",
        "Capacity-building for the financial intelligence unit in the analysis of suspicious transaction reports",
        {CB},
    ),
    ("en", "Strengthening the capacity of the anti-corruption commission to investigate complex cases", {CB}),
    ("en", "Training of specialized personnel on asset tracing and financial investigations (art. 52)", {CB}),
    (
        "en",
        "Assistance in developing a national anti-corruption strategy and an action plan for its implementation",
        {POL},
    ),
    ("en", "Legal advice on the drafting of a law on access to information (art. 10)", {LEG}),
    ("en", "Expert advice on the development of an asset declaration system", {IB, OTH}),
    ("en", "Institution-building (art. 36)", {IB}),
    ("en", "Policymaking (art. 5)", {POL}),
    ("en", "Capacity-building; institution-building", {CB, IB}),
    ("en", "Statistics on mutual legal assistance requests received and sent", {OTH}),
    ("en", "A study on the use of special investigative techniques (art. 50)", {OTH}),
    ("en", "Establishment of a whistle-blower reporting mechanism and training of its staff (art. 33)", {CB, IB}),
    ("en", "Guidelines for public officials on the management of conflicts of interest (art. 7)", {CB}),
    ("en", "A manual on the handling of mutual legal assistance requests", {CB}),
    ("en", "Exchange of experience with other States parties on the return of confiscated assets (art. 57)", {OTH}),
    ("en", "Assistance in concluding bilateral agreements on extradition (art. 44)", {LEG}),
    ("en", "Electronic procurement system (art. 9)", {IB}),
    ("en", "Additional human and financial resources for the anti-corruption agency (art. 36)", {IB}),
    ("en", "Development of guidelines and training on the management of seized assets", {CB}),
    (
        "en",
        "Support to establish a coordination mechanism between the police, the prosecution and the "
        "financial intelligence unit",
        {IB},
    ),
    ("en", "Legislative review to align domestic law with the Convention", {LEG}),
    ("en", "Capacity-building on asset recovery, and the establishment of a beneficial ownership register", {CB, IB}),
    ("en", "Public awareness-raising on the reporting of corruption (art. 13)", {CB}),
    ("en", "Awareness-raising among public officials on the new code of conduct", {CB}),
    ("en", "Training of trainers on anti-corruption for the civil service academy", {CB}),
    ("en", "Assessment of corruption risks in public procurement (art. 9)", {OTH}),
    ("en", "Facilitation of international cooperation with other countries", {OTH}),
    ("en", "Mentoring of prosecutors by an international expert on complex financial cases", {OTH}),
    ("en", "Development of a policy on the prevention of corruption in the private sector (art. 12)", {POL}),
    (
        "en",
        "Capacity-building for judges and prosecutors and legal advice on the implementation of article 31",
        {CB, LEG},
    ),
    ("en", "Amendment of the Criminal Code to criminalize bribery of foreign public officials (art. 16)", {LEG}),
    ("en", "IT equipment and software for the financial intelligence unit", {OTH}),
    ("en", "Technical assistance", {OTH}),
    ("en", "Capacity-building for the authorities involved in the prevention of corruption", {CB}),
    ("en", "Technical assistance in the development of a comprehensive anti-corruption policy", {POL}),
    ("en", "Assistance with developing indicators to measure the effectiveness of anti-corruption policies", {POL}),
    (
        "en",
        "Training for officials involved in asset recovery, including on the identification of beneficial owners",
        {CB},
    ),
    (
        "en",
        "Support in establishing an information technology platform for the exchange of "
        "information among law enforcement agencies",
        {IB},
    ),
    ("en", "Best practices concerning the confidentiality of banking records (art. 40)", {OTH}),
    (
        "en",
        "Capacity-building of the judiciary and prosecution on the use of the Convention as a "
        "legal basis for extradition",
        {CB},
    ),
    ("en", "A needs assessment of the anti-corruption commission", {OTH}),
    ("en", "Strengthening the independence of the judiciary (art. 11)", {IB}),
    ("en", "Legislative support on special investigative techniques (art. 50)", {LEG}),
    ("en", "Assistance in drafting regulations on the declaration of gifts", {LEG}),
    ("en", "Establishment of a central authority for mutual legal assistance (art. 46)", {IB}),
    ("en", "Training workshops for procurement officers on conflict-of-interest rules", {CB}),
    ("en", "Drafting of implementing regulations for the new anti-corruption law", {LEG}),
    ("en", "Legal advice and capacity-building regarding the freezing and seizure of assets", {CB, LEG}),
    ("en", "Specialized training on the use of the case management system", {CB}),
    ("en", "Institution-building and capacity-building for the Ombudsman's office", {CB, IB}),
    ("en", "Development of a national strategy and capacity-building for its implementation", {CB, POL}),
    ("en", "Support for the creation of a specialized anti-corruption court", {IB}),
    ("en", "Review of the legal framework on the protection of witnesses and experts (art. 32)", {LEG}),
    ("en", "Peer learning with other States on the management of confiscated property", {OTH}),
    ("en", "Study visits to countries with experience in non-conviction-based confiscation", {OTH}),
    ("en", "Computerized system for the verification of asset declarations", {IB}),
    ("en", "Strengthening cooperation between national authorities and the private sector (art. 39)", {IB}),
    ("en", "Establishment of a database on mutual legal assistance requests", {IB}),
    ("en", "Awareness-raising activities on corruption in schools and universities", {CB}),
    ("en", "Legislative drafting assistance to regulate the funding of political parties (art. 7)", {LEG}),
    ("en", "Training on financial investigations and legal advice on asset recovery", {CB, LEG}),
    ("en", "Capacity-building for the competent authorities to apply the new legislation on money-laundering", {CB}),
    ("en", "Assistance in preparing an integrity plan for the customs administration", {POL}),
    ("en", "Corruption risk mapping in the health sector", {OTH}),
    ("en", "Expert assistance in the drafting of a law on whistle-blower protection", {LEG, OTH}),
    ("en", "Provision of forensic equipment to the anti-corruption agency", {OTH}),
    ("en", "A comparative study of legislation on illicit enrichment", {OTH}),
    ("en", "Strengthening the operational capacity of the police to investigate bribery", {CB}),
    ("en", "Model agreements on the disposal of confiscated assets (art. 57)", {LEG}),
    ("en", "Capacity-building for the newly established asset recovery office", {CB}),
    ("en", "Training on international cooperation in criminal matters for the central authority", {CB}),
    ("en", "Assistance to set up an inter-agency task force on asset recovery", {IB}),
    ("en", "Development of a methodology for the collection of statistics on corruption cases", {CB}),
    ("en", "Capacity-building on the implementation of the national anti-corruption strategy", {CB}),
    ("en", "Training for members of the inter-agency committee on asset recovery", {CB}),
    ("en", "Assistance in the development of a case management system and training of its users", {CB, IB}),
    ("en", "Support for the implementation of the action plan on asset declarations", {POL}),
    ("en", "Technical assistance on the protection of witnesses", {OTH}),
    ("en", "Legal advice regarding the establishment of a specialized anti-corruption unit", {LEG}),
    ("en", "Legislative and institutional reform to ensure the independence of the anti-corruption body", {LEG, IB}),
    ("en", "Strengthening the capacities of the supreme audit institution", {CB}),
    ("en", "Strengthening the anti-corruption commission (art. 6)", {IB}),
    ("en", "Development of a training curriculum on ethics for civil servants", {CB}),
    ("en", "Assistance in drafting a code of ethics for judges", {POL}),
    ("en", "Good practices in the use of electronic asset declaration systems", {OTH}),
    ("en", "Assistance with the collection and analysis of data on corruption offences", {OTH}),
    ("en", "Development of a regulatory framework for the management of seized assets", {LEG}),
    ("en", "Specialized training and equipment for the financial investigation unit", {CB, OTH}),
    ("en", "Draft legislation on the liability of legal persons", {LEG}),
    ("en", "Policy advice on the prevention of corruption in the judiciary", {POL}),
    ("en", "Support to enhance inter-agency cooperation in investigations", {IB}),
    ("en", "Capacity-building on the use of information technology in investigations", {CB}),
    ("en", "Drafting of a law on mutual legal assistance in criminal matters (art. 46)", {LEG}),
    (
        "en",
        "Technical assistance to review the public procurement legislation and to train procurement officials",
        {CB, LEG},
    ),
    ("en", "Awareness-raising for the private sector on the new bribery offences (art. 12)", {CB}),
    ("en", "A regional workshop on asset recovery", {CB}),
    ("en", "Establishing a national asset declaration database", {IB}),
    ("en", "Seconding an expert to the central authority", {OTH}),
    ("en", "Development of procedures and templates for mutual legal assistance requests", {CB}),
    ("en", "Capacity-building on extradition; legislative assistance on the dual criminality requirement", {CB, LEG}),
    ("en", "Improving the recruitment and promotion system for public officials (art. 7)", {IB}),
    ("en", "Institutional support to the Office of the Ombudsman", {IB}),
    ("en", "Assistance in assessing the effectiveness of the anti-corruption strategy", {POL}),
    ("en", "Legal advice; model legislation; capacity-building programmes", {CB, LEG}),
    (
        "en",
        "Assistance in the form of training, legislative drafting and the development of a case management system",
        {CB, LEG, IB},
    ),
    ("en", "Capacity-building for officials of the Ministry of Justice responsible for extradition", {CB}),
    ("en", "The need to build the capacity of customs officials to detect corruption", {CB}),
    ("en", "Support for the operationalization of the asset declaration regime", {OTH}),
    ("en", "Enhancing the skills of investigators in handling digital evidence", {CB}),
    ("en", "Establishment of a system for monitoring the implementation of the strategy", {IB}),
    ("en", "Developing the capacity of the national anti-corruption body to collect and analyse data", {CB}),
    ("en", "Guidance on the implementation of article 52", {CB}),
    ("en", "Sensitization of judges on the use of the Convention as a legal basis", {CB}),
    ("en", "Designing an anti-corruption curriculum for schools", {CB}),
    ("en", "Development of sector-specific anti-corruption action plans", {POL}),
    ("en", "Drafting a comprehensive whistle-blower protection law and training on its application", {CB, LEG}),
    ("en", "Financial support to the anti-corruption agency", {OTH}),
    ("en", "Assistance in harmonizing national legislation with the Convention (art. 15)", {LEG}),
    ("en", "Capacity-building for the judiciary in the handling of corruption cases, including case management", {CB}),
    ("en", "Expert support in conducting corruption risk assessments", {OTH}),
    ("en", "Workshops on good practices in the recovery of assets", {CB}),
    ("en", "Technical assistance for the review of the national anti-corruption policy", {POL}),
    ("en", "Strengthening the institutional framework for the prevention of corruption", {IB}),
    ("en", "Establishment of a specialized asset management office and legal advice on its mandate", {LEG, IB}),
    ("en", "Assistance in the criminalization of trading in influence (art. 18)", {LEG}),
    ("en", "Assistance in drafting mutual legal assistance requests", {OTH}),
    ("en", "Exchange of information between the financial intelligence unit and law enforcement agencies", {IB}),
    ("en", "Development of a national anti-corruption policy and legislative assistance for its enactment", {LEG, POL}),
    ("en", "Assistance to the Parliament in reviewing the draft law on public procurement", {LEG}),
    ("en", "Capacity-building for the private sector on compliance programmes (art. 12)", {CB}),
    ("en", "Improving access to information through an online portal (art. 10)", {IB}),
    ("en", "Promotion of public participation in the prevention of corruption (art. 13)", {OTH}),
    ("en", "Developing specific provisions to regulate conflicts of interest", {LEG}),
    ("en", "Support to the judicial training institute to develop a module on corruption offences", {CB}),
    ("en", "Operationalization of the financial intelligence unit (art. 58)", {IB}),
    ("en", "Adequate staffing of the anti-corruption prosecutor's office", {IB}),
    ("en", "Legal assistance to amend the Criminal Procedure Code (art. 30)", {LEG}),
    ("en", "Capacity-building for civil society organizations on monitoring public procurement (art. 13)", {CB}),
    ("en", "Guidance and good practices on the use of special investigative techniques", {CB, OTH}),
    ("en", "Specialized expertise for the development of a national risk assessment methodology", {OTH}),
    ("en", "Technical support to establish a unit for the management of frozen, seized and confiscated assets", {IB}),
    ("en", "A national survey on perceptions of corruption", {OTH}),
    (
        "en",
        "Development of a national action plan against corruption and training of focal points in ministries",
        {CB, POL},
    ),
    (
        "en",
        "Capacity-building programmes for the staff of the Anti-Corruption Commission on the "
        "verification of asset declarations",
        {CB},
    ),
    ("en", "Assistance in the establishment of an independent body to oversee public procurement (art. 9)", {IB}),
    (
        "en",
        "Assistance in drafting legislation on the protection of reporting persons and in raising "
        "public awareness of it",
        {CB, LEG},
    ),
    ("en", "Legal advice on the liability of legal persons", {LEG}),
    ("en", "Development of software for the tracking of mutual legal assistance requests", {IB}),
    ("en", "Training of staff of the central authority on the preparation of extradition requests (art. 44)", {CB}),
    ("en", "Model legislation and legislative drafting on the freezing of assets", {LEG}),
    (
        "en",
        "Capacity-building in the area of beneficial ownership and the setting up of a register of beneficial owners",
        {CB, IB},
    ),
    ("en", "Support in developing a methodology for corruption risk assessments in the public sector", {CB}),
    ("en", "Assistance in the adoption of a new national anti-corruption strategy", {POL}),
    ("en", "Exchange of good practices with other States on the management of conflicts of interest", {OTH}),
    ("en", "Technical assistance for inter-agency coordination between customs and police", {IB}),
    ("en", "Research on the effectiveness of sanctions for corruption offences", {OTH}),
    ("en", "Training on asset recovery for prosecutors and judges", {CB}),
    ("en", "Establishment of specialized anti-corruption courts and training of judges", {CB, IB}),
    ("en", "Updating the legal framework on extradition (art. 44)", {LEG}),
    ("en", "Strengthening of the Office of the Auditor General", {IB}),
    (
        "en",
        "Capacity-building for the police on the use of special investigative techniques and legal "
        "advice on their admissibility",
        {CB, LEG},
    ),
    ("en", "Policy advice on the regulation of lobbying", {POL}),
    ("en", "Collection of statistics on the number of cases prosecuted", {OTH}),
    ("en", "Capacity-building for auditors of the supreme audit institution in forensic auditing", {CB}),
    ("en", "Establishment of an electronic platform for the submission of complaints by the public (art. 13)", {IB}),
    ("en", "Support in amending the Anti-Corruption Act to cover private sector bribery (art. 21)", {LEG}),
    ("en", "Training for law enforcement officials in the use of modern investigative techniques", {CB}),
    ("en", "Assistance in developing a framework for the protection of reporting persons", {OTH}),
    ("en", "Sharing of experiences on the management of frozen assets", {OTH}),
    (
        "en",
        "Technical assistance for the development of a national integrity policy and an accompanying action plan",
        {POL},
    ),
    ("en", "Expert assistance to conduct a gap analysis of the legislation on money-laundering", {LEG, OTH}),
    ("en", "Strengthening the human and technical capacities of the anti-corruption agency", {CB}),
    ("en", "Legal advice and drafting assistance on the confiscation of proceeds of crime (art. 31)", {LEG}),
    ("en", "Creation of an inter-ministerial committee to coordinate anti-corruption efforts", {IB}),
    ("en", "Developing statistics on extradition and mutual legal assistance cases", {OTH}),
    ("en", "Training modules on integrity for newly recruited civil servants", {CB}),
    ("en", "Revision of the procurement regulations and training of procurement staff", {CB, LEG}),
    ("en", "Public information campaigns on the right of access to information", {CB}),
    ("en", "Assistance with the drafting of a manual for investigators on asset tracing", {CB}),
    ("en", "Provision of computers and software to the asset declaration office", {OTH}),
    ("en", "Support to parliament in the adoption of the bill on asset recovery", {LEG}),
    ("en", "Training and mentoring programmes for newly appointed anti-corruption prosecutors", {CB, OTH}),
    ("en", "Assistance in conducting a national corruption survey", {OTH}),
    ("fr", "Renforcement des capacités des magistrats en matière d'entraide judiciaire (art. 46)", {CB}),
    ("fr", "Assistance législative pour incriminer l'enrichissement illicite (art. 20)", {LEG}),
    ("fr", "Formation des enquêteurs sur les techniques d'enquête financière (art. 52)", {CB}),
    ("fr", "Conseils juridiques et loi type sur la protection des témoins (art. 32)", {LEG}),
    ("fr", "Élaboration d'une stratégie nationale de lutte contre la corruption (art. 5)", {POL}),
    ("fr", "Élaboration d'un plan d'action pour la mise en œuvre de la Convention", {POL}),
    ("fr", "Mise en place d'un système de gestion des affaires pour les tribunaux", {IB}),
    ("fr", "Création d'un organe spécialisé de lutte contre la corruption (art. 36)", {IB}),
    ("fr", "Résumé des bonnes pratiques et des enseignements tirés (art. 9)", {OTH}),
    ("fr", "Assistance sur place d'un expert en matière de lutte contre la corruption", {OTH}),
    ("fr", "Collecte de données et statistiques sur les affaires de corruption", {OTH}),
    (
        "fr",
        "Renforcement des capacités et conseils juridiques en matière de recouvrement d'avoirs (art. 51)",
        {CB, LEG},
    ),
    ("fr", "Sensibilisation du public à la dénonciation des actes de corruption (art. 13)", {CB}),
    ("fr", "Formation des agents de la cellule de renseignement financier", {CB}),
    ("fr", "Coordination interinstitutionnelle entre les services de détection et de répression (art. 38)", {IB}),
    ("fr", "Rédaction d'un projet de loi sur la déclaration de patrimoine (art. 8)", {LEG}),
    ("fr", "Mise en place d'une base de données sur les marchés publics (art. 9)", {IB}),
    ("fr", "Élaboration d'un guide pratique sur l'entraide judiciaire", {CB}),
    ("fr", "Échange d'expériences avec d'autres États parties en matière de restitution d'avoirs (art. 57)", {OTH}),
    ("fr", "Renforcement des ressources humaines et financières de l'autorité de lutte contre la corruption", {IB}),
    (
        "fr",
        "Assistance législative et formation des magistrats sur la responsabilité des personnes morales (art. 26)",
        {CB, LEG},
    ),
    ("fr", "Révision du Code pénal pour incriminer la corruption d'agents publics étrangers (art. 16)", {LEG}),
    ("fr", "Élaboration d'un code de conduite pour les agents publics (art. 8)", {POL}),
    ("fr", "Ateliers de formation sur la coopération internationale en matière pénale", {CB}),
    ("fr", "Études sur l'étendue de la corruption dans le secteur privé (art. 12)", {OTH}),
    ("fr", "Assistance technique pour la création d'un bureau de recouvrement des avoirs (art. 58)", {IB}),
    ("fr", "Renforcement des capacités du personnel de l'organe chargé des déclarations de patrimoine", {CB}),
    ("fr", "Équipements informatiques et logiciels pour les enquêteurs", {OTH}),
    ("fr", "Lois types et accords types en matière d'extradition (art. 44)", {LEG}),
    ("fr", "Renforcement institutionnel de la Haute Autorité (art. 6)", {IB}),
    ("fr", "Formation spécialisée des magistrats et des officiers de police judiciaire", {CB}),
    ("fr", "Assistance pour la rédaction des textes d'application de la loi anticorruption", {LEG}),
    ("fr", "Appui à la mise en place d'un registre des bénéficiaires effectifs", {IB}),
    ("fr", "Renforcement de la coordination entre les services chargés de la lutte contre le blanchiment", {IB}),
    ("fr", "Partage de bonnes pratiques sur la gestion des avoirs saisis", {OTH}),
    ("fr", "Élaboration d'une politique nationale de prévention de la corruption", {POL}),
    ("fr", "Évaluation des risques de corruption dans le secteur de la santé", {OTH}),
    (
        "fr",
        "Renforcement des capacités des enquêteurs et assistance législative en matière de saisie (art. 31)",
        {CB, LEG},
    ),
    ("fr", "Conseils d'experts pour la création d'une agence de recouvrement des avoirs", {IB, OTH}),
    ("fr", "Révision de la législation sur le financement des partis politiques (art. 7)", {LEG}),
    ("fr", "Campagnes de sensibilisation à l'intention du grand public", {CB}),
    ("fr", "Dotation en moyens matériels et humains de l'autorité de lutte contre la corruption", {IB}),
    ("fr", "Séminaires de sensibilisation des agents publics sur les conflits d'intérêts", {CB}),
    ("fr", "Informatisation du système de déclaration de patrimoine", {IB}),
    ("fr", "Renforcement des capacités du personnel judiciaire", {CB}),
    ("fr", "Formation sur la mise en œuvre de la stratégie nationale", {CB}),
    ("fr", "Appui à l'élaboration d'une loi sur la protection des lanceurs d'alerte (art. 33)", {LEG}),
    ("fr", "Assistance technique en matière de protection des témoins", {OTH}),
    ("fr", "Renforcement de l'indépendance de la Cour des comptes", {IB}),
    ("fr", "Réforme législative et institutionnelle relative à la commission anticorruption", {LEG, IB}),
    ("fr", "Création d'une base de données sur les demandes d'entraide judiciaire", {IB}),
    ("fr", "Recueil de bonnes pratiques en matière de prévention du blanchiment", {CB}),
    ("fr", "Élaboration de lignes directrices à l'intention des enquêteurs", {CB}),
    ("fr", "Formation et équipement de l'unité d'enquêtes financières", {CB, OTH}),
    ("fr", "Conseils juridiques sur la création d'un organe de gestion des avoirs saisis", {LEG}),
    ("fr", "Conseils juridiques ; lois types ; programmes de renforcement des capacités", {CB, LEG}),
    ("fr", "Renforcer les capacités des agents des douanes en matière de détection de la corruption", {CB}),
    ("fr", "Mise en place d'un mécanisme de protection des lanceurs d'alerte (art. 33)", {IB}),
    ("fr", "Élaboration d'un plan d'action sectoriel de lutte contre la corruption dans la santé", {POL}),
    ("fr", "Appui financier à l'autorité nationale de lutte contre la corruption", {OTH}),
    ("fr", "Harmonisation de la législation nationale avec la Convention", {LEG}),
    ("fr", "Assistance technique pour l'évaluation de la stratégie nationale", {POL}),
    ("fr", "Formation des magistrats, élaboration d'un manuel de procédures et équipement informatique", {CB, OTH}),
    ("fr", "Échange d'informations entre la cellule de renseignement financier et les services de police", {IB}),
    ("fr", "Appui à la participation de la société civile à la prévention de la corruption (art. 13)", {OTH}),
    ("fr", "Renforcement des capacités de la société civile en matière de suivi des marchés publics", {CB}),
    ("fr", "Appui à l'opérationnalisation de l'Agence de gestion des avoirs saisis et confisqués", {IB}),
    ("fr", "Assistance pour la modification du Code de procédure pénale (art. 30)", {LEG}),
    ("fr", "Organisation de séminaires de formation pour les officiers de police judiciaire", {CB}),
    ("fr", "Élaboration d'un manuel de procédures pour l'entraide judiciaire", {CB}),
    ("fr", "Mise en place d'une plateforme électronique de déclaration de patrimoine", {IB}),
    ("fr", "Conduite d'une étude sur les causes de la corruption dans l'administration", {OTH}),
    ("fr", "Coopération entre la cellule de renseignement financier et le parquet", {IB}),
    ("fr", "Adoption d'une loi sur l'accès à l'information (art. 10)", {LEG}),
    ("fr", "Élaboration d'une stratégie nationale et d'un plan d'action de lutte contre la corruption", {POL}),
    ("fr", "Échanges d'expériences avec des agences anticorruption d'autres pays", {OTH}),
    ("fr", "Conseils juridiques sur la compatibilité de la législation nationale avec la Convention", {LEG}),
    ("fr", "Appui technique et financier à la Haute Autorité de lutte contre la corruption", {OTH}),
    ("fr", "Formation des acteurs de la chaîne pénale et création d'un pôle judiciaire spécialisé", {CB, IB}),
    ("fr", "Sensibilisation de la population sur les méfaits de la corruption", {CB}),
    ("fr", "Formation des agents de la Commission nationale sur la vérification des déclarations de patrimoine", {CB}),
    ("fr", "Création d'un organe indépendant chargé du contrôle des marchés publics (art. 9)", {IB}),
    ("fr", "Assistance à la rédaction d'une loi sur la protection des dénonciateurs", {LEG}),
    ("fr", "Développement d'un logiciel de suivi des demandes d'entraide judiciaire", {IB}),
    ("fr", "Législation type et assistance à la rédaction législative sur le gel des avoirs", {LEG}),
    ("fr", "Appui à l'adoption d'une nouvelle stratégie nationale de lutte contre la corruption", {POL}),
    ("fr", "Renforcement de la coopération entre la douane et la police", {IB}),
    ("fr", "Recherche sur l'efficacité des sanctions pénales en matière de corruption", {OTH}),
    ("fr", "Création de juridictions spécialisées et formation des juges", {CB, IB}),
    ("fr", "Renforcement de la Cour des comptes", {IB}),
    ("fr", "Formation des auditeurs de la Cour des comptes aux techniques d'audit", {CB}),
    (
        "fr",
        "Assistance à la modification de la loi anticorruption pour couvrir la corruption dans le secteur privé",
        {LEG},
    ),
    ("fr", "Création d'un comité interministériel de coordination de la lutte contre la corruption", {IB}),
    ("fr", "Élaboration de statistiques sur les demandes d'extradition", {OTH}),
    ("fr", "Révision du code des marchés publics et formation des agents chargés des marchés", {CB, LEG}),
    ("fr", "Partage d'expériences sur la gestion des avoirs gelés", {OTH}),
    ("fr", "Appui à l'élaboration d'une politique nationale d'intégrité et d'un plan d'action", {POL}),
    ("fr", "Renforcement des capacités humaines et techniques de l'agence anticorruption", {CB}),
    ("fr", "Appui à l'adoption du projet de loi relatif au recouvrement des avoirs", {LEG}),
    ("fr", "Fourniture d'équipements informatiques à la commission nationale anticorruption", {OTH}),
    ("fr", "Organisation de voyages d'études auprès d'agences anticorruption étrangères", {OTH}),
    ("fr", "Assistance pour la réalisation d'une enquête nationale sur la corruption", {OTH}),
    ("fr", "Conseils juridiques et appui à la création d'une agence de recouvrement des avoirs", {LEG, IB}),
    ("fr", "Formation des formateurs de l'École nationale de la magistrature", {CB}),
    ("fr", "Rédaction d'un guide pratique à l'intention des enquêteurs financiers", {CB}),
    ("es", "Asistencia legislativa para tipificar el enriquecimiento ilícito (art. 20)", {LEG}),
    ("es", "Creación de capacidad para los fiscales en materia de decomiso sin condena (art. 54)", {CB}),
    ("es", "Fortalecimiento de la capacidad de los jueces en materia de cooperación internacional", {CB}),
    ("es", "Capacitación de los funcionarios de la unidad de inteligencia financiera (art. 58)", {CB}),
    ("es", "Asesoramiento jurídico y ley modelo sobre la protección de denunciantes (art. 33)", {LEG}),
    ("es", "Redacción de un proyecto de ley sobre conflictos de intereses (art. 7)", {LEG}),
    ("es", "Elaboración de un plan de acción para la aplicación de la estrategia nacional", {POL}),
    ("es", "Elaboración de una estrategia nacional anticorrupción (art. 5)", {POL}),
    ("es", "Creación de un sistema de gestión de casos para la fiscalía", {IB}),
    ("es", "Recopilación de datos y estadísticas sobre los casos de corrupción", {OTH}),
    ("es", "Resumen de buenas prácticas y lecciones aprendidas (art. 9)", {OTH}),
    ("es", "Asistencia in situ por un experto en lucha contra la corrupción", {OTH}),
    ("es", "Intercambio de experiencias con otros Estados en materia de recuperación de activos", {OTH}),
    ("es", "Establecimiento de una oficina de recuperación de activos (art. 58)", {IB}),
    ("es", "Coordinación interinstitucional entre las autoridades encargadas de hacer cumplir la ley (art. 38)", {IB}),
    ("es", "Capacitación y asesoramiento jurídico en materia de asistencia judicial recíproca (art. 46)", {CB, LEG}),
    ("es", "Campañas de sensibilización de la ciudadanía sobre la denuncia de la corrupción (art. 13)", {CB}),
    ("es", "Sistema electrónico de declaraciones juradas patrimoniales (art. 8)", {IB}),
    ("es", "Talleres de capacitación sobre la nueva ley de contratación pública", {CB}),
    ("es", "Reforma del Código Penal para penalizar el soborno de funcionarios públicos extranjeros (art. 16)", {LEG}),
    ("es", "Elaboración de un código de conducta para los funcionarios públicos (art. 8)", {POL}),
    ("es", "Fortalecimiento de los recursos humanos y financieros de la oficina anticorrupción", {IB}),
    ("es", "Manual sobre la tramitación de solicitudes de asistencia judicial recíproca", {CB}),
    ("es", "Estudios sobre las causas de la corrupción en el sector público", {OTH}),
    ("es", "Asistencia técnica para desarrollar una base de datos de bienes incautados", {IB}),
    (
        "es",
        "Asistencia legislativa y capacitación de los fiscales sobre la responsabilidad de las "
        "personas jurídicas (art. 26)",
        {CB, LEG},
    ),
    ("es", "Acuerdos bilaterales y tratados modelo de extradición (art. 44)", {LEG}),
    ("es", "Equipos informáticos para la unidad de análisis financiero", {OTH}),
    ("es", "Fortalecimiento institucional de la Contraloría General (art. 6)", {IB}),
    ("es", "Política de prevención de la corrupción en el sector privado (art. 12)", {POL}),
    ("es", "Capacitación especializada para jueces y fiscales en delitos de corrupción", {CB}),
    ("es", "Asistencia técnica para la reforma de la ley de contrataciones públicas (art. 9)", {LEG}),
    ("es", "Apoyo para la creación de un registro de beneficiarios finales", {IB}),
    ("es", "Fortalecimiento de la coordinación entre las instituciones encargadas de la recuperación de activos", {IB}),
    ("es", "Intercambio de buenas prácticas sobre la protección de testigos (art. 32)", {OTH}),
    ("es", "Diseño de una política nacional de integridad", {POL}),
    ("es", "Evaluación de riesgos de corrupción en las compras públicas", {OTH}),
    ("es", "Creación de capacidad y asistencia legislativa en materia de embargo preventivo (art. 31)", {CB, LEG}),
    ("es", "Asesoramiento de expertos para el establecimiento de una agencia de administración de bienes", {IB, OTH}),
    ("es", "Revisión de la legislación sobre financiación de los partidos políticos (art. 7)", {LEG}),
    ("es", "Campañas de concienciación dirigidas al público en general", {CB}),
    ("es", "Dotación de recursos humanos y materiales para la fiscalía anticorrupción", {IB}),
    ("es", "Seminarios de sensibilización para funcionarios públicos sobre conflictos de intereses", {CB}),
    ("es", "Implementación de un sistema informático para la gestión de las declaraciones patrimoniales", {IB}),
    ("es", "Capacitación en técnicas especiales de investigación (art. 50)", {CB}),
    ("es", "Capacitación sobre la aplicación de la estrategia nacional", {CB}),
    ("es", "Apoyo a la elaboración de una ley de protección de denunciantes (art. 33)", {LEG}),
    ("es", "Asistencia técnica en materia de protección de testigos", {OTH}),
    ("es", "Fortalecimiento de la independencia del poder judicial (art. 11)", {IB}),
    ("es", "Creación de una base de datos sobre solicitudes de asistencia judicial recíproca", {IB}),
    ("es", "Compilación de buenas prácticas en materia de prevención del blanqueo", {OTH}),
    ("es", "Elaboración de directrices para los investigadores", {CB}),
    ("es", "Capacitación y equipamiento para la unidad de investigaciones financieras", {CB, OTH}),
    ("es", "Asesoramiento jurídico sobre la creación de un órgano de administración de bienes incautados", {LEG}),
    ("es", "Programas de formación para funcionarios de aduanas sobre el código de conducta", {CB}),
    ("es", "Asesoramiento jurídico; leyes modelo; programas de creación de capacidad", {CB, LEG}),
    ("es", "Fortalecer las capacidades de los funcionarios de aduanas para detectar la corrupción", {CB}),
    ("es", "Establecimiento de un mecanismo de protección de denunciantes (art. 33)", {IB}),
    ("es", "Elaboración de planes de acción sectoriales contra la corrupción", {POL}),
    ("es", "Apoyo financiero a la oficina anticorrupción", {OTH}),
    ("es", "Armonización de la legislación nacional con la Convención", {LEG}),
    ("es", "Asistencia técnica para la evaluación de la estrategia nacional", {POL}),
    ("es", "Capacitación de jueces, elaboración de un manual de procedimientos y equipos informáticos", {CB, OTH}),
    ("es", "Intercambio de información entre la unidad de inteligencia financiera y la policía", {IB}),
    ("es", "Promoción de la participación de la sociedad civil en la prevención de la corrupción (art. 13)", {OTH}),
    ("es", "Fortalecimiento de las capacidades de las organizaciones de la sociedad civil", {CB}),
    ("es", "Apoyo a la puesta en funcionamiento de la agencia de administración de bienes incautados", {IB}),
    ("es", "Asistencia para la reforma del Código Procesal Penal (art. 30)", {LEG}),
    ("es", "Organización de talleres de capacitación para agentes de policía", {CB}),
    ("es", "Elaboración de un manual de procedimientos para la asistencia judicial recíproca", {CB}),
    ("es", "Implementación de una plataforma electrónica de declaraciones juradas", {IB}),
    ("es", "Realización de un estudio sobre las causas de la corrupción en la administración pública", {OTH}),
    ("es", "Cooperación entre la unidad de inteligencia financiera y el Ministerio Público", {IB}),
    ("es", "Aprobación de una ley de acceso a la información pública (art. 10)", {LEG}),
    ("es", "Elaboración de una estrategia nacional y de un plan de acción contra la corrupción", {POL}),
    ("es", "Intercambio de experiencias con organismos anticorrupción de otros países", {OTH}),
    ("es", "Asesoramiento jurídico sobre la compatibilidad de la legislación nacional con la Convención", {LEG}),
    ("es", "Apoyo técnico y financiero a la Oficina Anticorrupción", {OTH}),
    ("es", "Capacitación de los operadores de justicia y creación de una fiscalía especializada", {CB, IB}),
    ("es", "Sensibilización de la población sobre los efectos de la corrupción", {CB}),
    ("es", "Capacitación del personal de la Contraloría sobre la verificación de las declaraciones juradas", {CB}),
    ("es", "Creación de un órgano independiente de supervisión de las contrataciones públicas (art. 9)", {IB}),
    ("es", "Asistencia en la redacción de una ley de protección de denunciantes", {LEG}),
    (
        "es",
        "Desarrollo de un programa informático de seguimiento de las solicitudes de asistencia judicial recíproca",
        {IB},
    ),
    ("es", "Legislación modelo y asistencia en la redacción legislativa sobre el embargo de bienes", {LEG}),
    ("es", "Apoyo para la adopción de una nueva estrategia nacional anticorrupción", {POL}),
    ("es", "Fortalecimiento de la cooperación entre la aduana y la policía", {IB}),
    ("es", "Investigaciones sobre la eficacia de las sanciones penales por delitos de corrupción", {OTH}),
    ("es", "Creación de tribunales especializados y capacitación de jueces", {CB, IB}),
    ("es", "Fortalecimiento de la Contraloría General de la República", {IB}),
    ("es", "Capacitación de los auditores de la Contraloría en auditoría forense", {CB}),
    ("es", "Apoyo para modificar la ley anticorrupción a fin de abarcar el soborno en el sector privado", {LEG}),
    ("es", "Creación de un comité interministerial para coordinar la lucha contra la corrupción", {IB}),
    ("es", "Elaboración de estadísticas sobre extradición y asistencia judicial recíproca", {OTH}),
    ("es", "Revisión del reglamento de contrataciones y capacitación del personal de compras", {CB, LEG}),
    ("es", "Intercambio de experiencias sobre la administración de bienes congelados", {OTH}),
    ("es", "Apoyo para la elaboración de una política nacional de integridad y de un plan de acción", {POL}),
    ("es", "Apoyo al Congreso para la aprobación del proyecto de ley de extinción de dominio", {LEG}),
    ("es", "Dotación de equipos informáticos a la comisión nacional anticorrupción", {IB}),
    ("es", "Visitas de estudio a organismos anticorrupción de otros países", {OTH}),
    ("es", "Realización de una encuesta nacional sobre percepción de la corrupción", {OTH}),
    ("es", "Asesoramiento jurídico y apoyo para la creación de una agencia de recuperación de activos", {LEG, IB}),
    ("es", "Formación de formadores de la Escuela Judicial", {CB}),
    ("es", "Redacción de una guía práctica para los investigadores financieros", {CB}),
    ("es", "Programas de capacitación y mentoría para los fiscales anticorrupción", {CB, OTH}),
]

# The precision cases of the design: a topic or an audience must not add its type.
PRECISION = [
    ("en", "Capacity-building for the staff of the asset declaration unit", [CB]),
    ("en", "Training on the new law on procurement", [CB]),
    ("en", "Legislative assistance to establish a framework for non-conviction-based forfeiture", [LEG]),
    ("en", "Assistance in establishing an asset recovery office", [IB]),
    ("en", "Development of a national anti-corruption strategy", [POL]),
    ("en", "Capacity-building and legal advice on mutual legal assistance", [CB, LEG]),
    ("en", "Technical assistance to develop an electronic asset declaration system", [IB]),
    ("en", "Sharing of good practices on the protection of whistle-blowers", [OTH]),
    ("fr", "Formation sur la nouvelle loi relative aux marchés publics", [CB]),
    ("es", "Capacitación sobre la nueva ley de contratación pública", [CB]),
    ("en", "Training for judges on the new law and its implementing regulations", [CB]),
    ("en", "Legislative assistance on the protection of witnesses, experts and victims", [LEG]),
    ("en", "Data protection legislation", [LEG]),
    ("en", "Transparency in the funding of electoral campaigns", [OTH]),
    ("fr", "Transparence du financement des partis politiques", [OTH]),
]


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def _accuracy(taxonomy, cases) -> tuple[float, list[str]]:
    wrong = []
    for language, text, expected in cases:
        types, _ = classify(text, language, taxonomy)
        if set(types) != expected:
            wrong.append(f"[{language}] {text!r}: expected {sorted(expected)}, got {types}")
    return 1 - len(wrong) / len(cases), wrong


def test_the_labelled_set_is_large_and_in_three_languages():
    counts = {lang: sum(1 for case in CASES if case[0] == lang) for lang in ("en", "fr", "es")}
    assert len(CASES) >= 120
    assert counts["en"] >= 40 and counts["fr"] >= 25 and counts["es"] >= 25
    assert all(case[2] and case[2] <= set(TYPES) for case in CASES)


def test_types_are_right_for_at_least_95_percent_of_labelled_needs(taxonomy):
    accuracy, wrong = _accuracy(taxonomy, CASES)
    assert accuracy >= 0.95, f"accuracy {accuracy:.1%}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_each_language_is_right_for_at_least_90_percent(taxonomy, language):
    accuracy, wrong = _accuracy(taxonomy, [case for case in CASES if case[0] == language])
    assert accuracy >= 0.90, f"{language} accuracy {accuracy:.1%}:\n" + "\n".join(wrong)


@pytest.mark.parametrize(("language", "text", "expected"), PRECISION)
def test_topic_and_audience_do_not_add_types(taxonomy, language, text, expected):
    assert classify(text, language, taxonomy)[0] == expected


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("es", "Taller sobre la gestión de conflictos de intereses", [CB]),
    ("es", "Apoyo a la aplicación del plan nacional de integridad", [POL]),
    ("es", "Elaboración de un nuevo plan (art. 5)", [POL]),
    ("es", "Un asesor jurídico para la redacción de la ley de contratación pública", [LEG]),
    ("es", "Modelo de ley sobre la protección de denunciantes", [LEG]),
    ("fr", "Création d'un programme de protection des témoins, des experts et des victimes (art. 32 et 33)", [IB]),
    ("en", "Development of a new plan for the prevention of corruption in the health sector", [POL]),
    # "and a" opens a second noun phrase: each gets its type; "recruitment and promotion system" is one head.
    ("en", "Development of guidelines and a national policy on the return of assets (art. 57)", [CB, POL]),
    ("en", "Improving the recruitment and promotion system for public officials (art. 7)", [IB]),
    ("en", "Technical support for upgrading the national public procurement e-network (art. 9)", [IB]),
])
def test_singular_forms_and_plans_and_programmes(taxonomy, language, text, expected):
    assert classify(text, language, taxonomy)[0] == expected


def test_spanish_patterns_match_singular_nouns():
    # "plan(es)?" matches plan and planes; "planes?" matched only "plane"/"planes", so every singular was lost.
    rows = (REFERENCE_DIR / "type_keywords.csv").read_text(encoding="utf-8").splitlines()
    plural_only = [(number, m.group(0)) for number, row in enumerate(rows, start=1) if ",es," in row
                   for m in re.finditer(r"(?<![a-z])[a-z]+[bcdjlnrxyz]es\?", row)]
    assert plural_only == []


def test_french_patterns_match_masculine_forms():
    # "materiel(le)?" matches matériel and matérielle; "materielle?" matched only the feminine.
    rows = (REFERENCE_DIR / "type_keywords.csv").read_text(encoding="utf-8").splitlines()
    feminine_only = [(number, m.group(0)) for number, row in enumerate(rows, start=1) if ",fr," in row
                     for m in re.finditer(r"(?<![a-z])[a-z]+(?:elle|enne|ette|onne)\?", row)]
    assert feminine_only == []


def test_nothing_matched_is_other(taxonomy):
    assert classify("Technical assistance", "en", taxonomy) == (["other"], ["other"])
    assert classify("", "fr", taxonomy) == (["other"], ["other"])


def test_types_follow_taxonomy_order_and_subtypes_roll_up(taxonomy):
    types, subtypes = classify("Legal advice, training and a case management system", "en", taxonomy)
    assert types == [CB, LEG, IB]
    assert subtypes == ["training", "legal-advice", "systems"]
    assert {taxonomy.type_of(s) for s in subtypes} == set(types)


def test_explain_gives_the_matched_text(taxonomy):
    text = "Capacity-building and legal advice on mutual legal assistance (art. 46)"
    expected = [("capacity-building", "Capacity-building"), ("legal-advice", "legal advice")]
    assert explain(text, "en", taxonomy) == expected
    assert [m.accepted for m in matches("Training on the new law", "en", taxonomy)] == [True, False]


def test_accents_quotes_and_article_references_do_not_matter(taxonomy):
    plain = classify("Elaboration d'une strategie nationale (art. 5)", "fr", taxonomy)
    accented = classify("Élaboration d’une stratégie nationale", "fr", taxonomy)
    assert plain == accented == (["policymaking"], ["strategy"])
    assert classify("(a) Capacity-building (arts. 8, 9 and 12);", "en", taxonomy) == (
        ["capacity-building"],
        ["capacity-building"],
    )


def test_unknown_language_uses_every_keyword(taxonomy):
    assert classify("Capacitación de los jueces", "xx", taxonomy)[0] == [CB]


def test_a_need_in_another_language_than_its_document_still_gets_types(taxonomy):
    assert classify("Asistencia legislativa para tipificar el enriquecimiento ilícito", "en", taxonomy)[0] == [LEG]
    assert classify("Formation des enquêteurs aux enquêtes financières", "es", taxonomy)[0] == [CB]


@pytest.mark.parametrize("name", ["sample_labels.json", "holdout_labels.json", "holdout2_labels.json",
                                  "holdout3_labels.json"])
def test_needs_labelled_by_the_corpus_authors_are_95_percent_right(taxonomy, name):
    """The extraction fixtures carry types labelled by others, with their own wording: a check on conventions."""
    path = FIXTURES / name
    if not path.is_file():
        pytest.skip(f"{name} is not in tests/fixtures")
    cases = []
    for doc in json.loads(path.read_text(encoding="utf-8")):
        suffix = re.search(r"_(fr|es)\.\w+$", doc["file"])
        language = doc.get("language") or (suffix.group(1) if suffix else "en")
        for part in doc["chapters"].values():
            cases += [(language, need["text"], set(need["types"])) for need in part.get("needs", [])]
    accuracy, wrong = _accuracy(taxonomy, cases)
    assert len(cases) >= 20
    assert accuracy >= 0.95, f"accuracy {accuracy:.1%}:\n" + "\n".join(wrong)


def test_statements_by_another_author_are_95_percent_right(taxonomy):
    # Written and labelled by other authors from the rules in assistance_types.csv, in two rounds: 180 statements
    # (91% right at first sight, then the coordination rules and keywords they showed missing were added) and 150
    # more (96.7% at first sight after those fixes; two more fixes since).
    statements = json.loads((FIXTURES / "type_statements.json").read_text(encoding="utf-8"))
    assert {s["language"] for s in statements} == {"en", "fr", "es"} and len(statements) == 330
    right = [set(classify(s["text"], s["language"], taxonomy)[0]) == set(s["types"]) for s in statements]
    assert sum(right) / len(right) >= 0.95


def test_shipped_taxonomy_is_complete(taxonomy):
    assert taxonomy.types == list(TYPES)
    for subtype, entry in taxonomy.subtypes.items():
        assert entry.type in TYPES
        for language in ("en", "fr", "es"):
            assert any(k.subtype == subtype and k.language == language for k in taxonomy.keywords), (subtype, language)


def _copy_reference(tmp_path: Path) -> Path:
    for name in ("assistance_types.csv", "type_keywords.csv"):
        shutil.copy(REFERENCE_DIR / name, tmp_path / name)
    return tmp_path


def _append(path: Path, row: str) -> int:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + row + "\n", encoding="utf-8")
    return text.count("\n") + 1


@pytest.mark.parametrize(
    ("row", "error"),
    [
        ("traning,en,workshops?,typo in subtype", "subtype 'traning' is not in assistance_types.csv"),
        ("training,en,train(ing,unbalanced parenthesis", "does not compile"),
        ("training,de,Schulung,language not supported", "language 'de'"),
    ],
)
def test_broken_keyword_row_fails_with_file_and_line(tmp_path, row, error):
    directory = _copy_reference(tmp_path)
    line = _append(directory / "type_keywords.csv", row)
    with pytest.raises(ValueError) as caught:
        load_taxonomy(directory)
    assert f"type_keywords.csv, line {line}:" in str(caught.value)
    assert error in str(caught.value)


def test_subtype_with_unknown_type_fails_with_file_and_line(tmp_path):
    directory = _copy_reference(tmp_path)
    line = _append(directory / "assistance_types.csv", "capacity building,mentoring,Mentoring,typo in type,99")
    with pytest.raises(ValueError, match=rf"assistance_types\.csv, line {line}: type 'capacity building'"):
        load_taxonomy(directory)
