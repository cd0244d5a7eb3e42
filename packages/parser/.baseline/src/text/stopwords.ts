// The most frequent function words of each language written in Latin or Cyrillic script: the
// profile detectLanguage matches a text against, and the "is this prose?" evidence the scraped-text
// cleaner uses. Lists favour words that tell close languages apart (es/pt, da/no/sv, ru/uk/bg).

export const STOPWORDS: Readonly<Record<string, readonly string[]>> = {
  en: 'the of and to in is that for it was on with as his he be at by this had not are but from or have an they which one you were her all she there would their we him been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three states himself few house use during without again place around however home small found thought went say part once general high upon school every does got united left number course war until always away something fact though water less public put think almost hand enough far took head yet government system better set told nothing night end why called didn next'.split(
    ' ',
  ),
  de: 'der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei hatte kann gegen vom können schon wenn habe seine ihre dann unter wir soll ich eines jahr zwei jahren diese dieser wieder keine seiner worden will zwischen immer was sagte gibt alle diesem seit muss wurden beim doch jetzt waren drei neue damit bereits da ab ihr ihrer'.split(
    ' ',
  ),
  fr: 'de la le et les des en un du une que est pour qui dans par plus pas au sur ne se ce il sont avec son cette aux a elle ont ses mais comme on tout nous sa été fait deux aussi leur bien y ou lui sans entre dont leurs était après encore même être tous depuis contre ans selon sous avait très avant où ces peut fois là ils'.split(
    ' ',
  ),
  es: 'de la que el en y los del se las por un para con no una su al es lo como más pero sus le ha me si sin sobre este ya entre cuando todo esta ser son dos también fue había era muy años hasta desde está mi porque qué sólo han yo hay vez puede todos así nos ni parte tiene él uno donde bien tiempo mismo ese ahora cada e vida otro después te otros aunque esa eso hace otra gobierno tan durante siempre día tanto ella tres sí dijo sido gran país según menos año antes estado'.split(
    ' ',
  ),
  it: 'di e il la che in a per un del è non una con sono le si da i al dei della alla anche come più ma ha lo nel gli delle questo o se degli ed nella sul era dal essere ci suo hanno stato cui tra sua quando dalla tutti molto perché fatto ancora due solo dopo poi loro questa nei ne sulla anni già così sempre uno fra quella ad mentre quali invece stati senza tutto'.split(
    ' ',
  ),
  pt: 'de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito há nos já está eu também só pelo pela até isso ela entre era depois sem mesmo aos ter seus quem nas me esse eles estão você tinha foram essa num nem suas meu às minha têm numa pelos elas havia seja qual será nós tenho lhe deles essas esses pelas este fosse dele então governo ano anos disse segundo ainda'.split(
    ' ',
  ),
  nl: 'de en van het een in is dat op te zijn met voor niet die aan er om ook als door maar bij dan of nog naar uit wordt werd over heeft hebben worden deze tot was ze al kan hij zich wel meer geen zo dit waren haar zal moet onder tegen twee jaar na hun we ik wat alleen toen omdat veel zegt volgens'.split(
    ' ',
  ),
  sv: 'och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så kan man när år säger hon under också efter eller nu sin där vid mot ska skulle kommer ut får finns vara hade alla andra mycket än här då sedan över bara in blir upp även vad'.split(
    ' ',
  ),
  da: 'og i at det er en til på de med for af den som har ikke der et var om men han fra kan blev også skal vi efter sig når eller hun ved så år være over nu mod havde hvor hvis alle under da selv mange været bliver sagde kun dem denne siger'.split(
    ' ',
  ),
  no: 'og i det er som en på til av at for med har de ikke den et var om men han fra kan ble også skal vi etter seg når eller hun ved så år være over nu mot hadde hvor hvis alle under da selv mange vært blir sier bare sin ut'.split(
    ' ',
  ),
  fi: 'ja on ei että se oli hän ovat mutta kun myös tai sen joka ole jo mukaan vuoden kuin nyt niin sitä hänen voi tämä ovat olisi vain ne mitä jos noin sekä eikä kanssa jälkeen vielä ollut eri pitää koska'.split(
    ' ',
  ),
  pl: 'i w na z do że się nie to jest o jak po a od za przez dla ale co jego tak czy przy już tylko być może jej są roku który która które także oraz jednak było został lub ich tym ten był jako bardzo gdy nawet według'.split(
    ' ',
  ),
  cs: 'a v se na je že o s z do to i k by ve pro jako ale od po za jsou jeho které který která podle také již jen při být bylo byl tak až mezi není než před nebo když roce jejich ještě či však'.split(
    ' ',
  ),
  tr: 've bir bu da de için ile olarak çok daha en ne gibi olan o ama sonra kadar her ya şey ben var değil mi göre ise bunu ilk yıl tarafından üzere ayrıca büyük yeni iki olduğu olduğunu'.split(
    ' ',
  ),
  ro: 'și în de la a să cu nu pe o care din mai se un ce fost este au ca pentru al sunt lui după dar fi iar prin această acest sau când anul spus despre între ei fără'.split(
    ' ',
  ),
  hu: 'a az és hogy nem is egy van meg de ez már csak el mint ki volt még azt vagy ha sem ezt után kell pedig most szerint között lesz lett több minden amely aki'.split(
    ' ',
  ),
  id: 'yang dan di ini dengan untuk dari dalam tidak akan pada juga ke itu ada oleh karena bisa telah atau saat sudah kata mereka tahun lebih seperti bahwa para harus namun masih kami kita'.split(
    ' ',
  ),
  ru: 'и в не на что с по он как это к из а о но за то у от все так же его для было бы она ее мы до они при уже был только или еще вы сказал когда также может этого году если будет быть чтобы их ли во время после того этом были об даже этот без под более тем очень который которые которая'.split(
    ' ',
  ),
  uk: 'і в не на що з та до як це у за від але про його й є також він ви було були вже який яка які щоб коли може році під після тому бути цей ці її їх із через'.split(
    ' ',
  ),
  bg: 'и в на не да се за от с е че по са като това които но до при след той която който още ще бъде във със тя те ли би било беше години има тази този'.split(
    ' ',
  ),
};

/** Every stopword of every language: "does this line read like prose in some language?" */
export const ALL_STOPWORDS: ReadonlySet<string> = new Set(Object.values(STOPWORDS).flat());
